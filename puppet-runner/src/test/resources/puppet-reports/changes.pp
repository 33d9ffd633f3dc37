# Three resources that change on a first run, and a notify that changes every run.
file { '/tmp/staypuft-samples/work/motd':
  ensure  => file,
  content => "Deployed by Staypuft\n",
}
file { '/tmp/staypuft-samples/work/etc':
  ensure => directory,
}
exec { 'touch-marker':
  command => '/usr/bin/touch /tmp/staypuft-samples/work/marker',
  creates => '/tmp/staypuft-samples/work/marker',
}
notify { 'staypuft': message => 'hello from staypuft' }
