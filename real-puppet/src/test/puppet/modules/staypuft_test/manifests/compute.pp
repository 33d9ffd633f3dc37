# @summary The compute role of the real-Puppet scenarios: a file made of the ENC's parameters.
class staypuft_test::compute {
  include staypuft_test

  file { '/root/staypuft-test/compute':
    ensure  => file,
    content => "role=${staypuft_role} deployment=${staypuft_deployment_name} host=${staypuft_host_id} greeting=${greeting}\n",
  }
}
