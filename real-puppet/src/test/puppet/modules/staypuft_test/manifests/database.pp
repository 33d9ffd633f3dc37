# @summary The database role of the real-Puppet scenarios: a file made of the ENC's parameters.
class staypuft_test::database {
  include staypuft_test

  file { '/root/staypuft-test/database':
    ensure  => file,
    content => "role=${staypuft_role} deployment=${staypuft_deployment_name} host=${staypuft_host_id} greeting=${greeting}\n",
  }
}
