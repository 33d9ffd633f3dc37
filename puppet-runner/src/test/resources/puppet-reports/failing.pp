# One resource that changes, one that fails, and one skipped because it depends on the failure.
file { '/tmp/staypuft-samples/work/motd':
  ensure  => file,
  content => "Deployed by Staypuft\n",
}
exec { 'failing-command':
  command => '/bin/false',
}
file { '/tmp/staypuft-samples/work/after-failure':
  ensure  => file,
  content => "depends on the failing exec\n",
  require => Exec['failing-command'],
}
