# @summary A role class that drifts: every compilation gives a file new content (the server's clock), so the
# enable-agent run changes it too and the host must fail naming it.
class staypuft_test::drift {
  include staypuft_test

  file { '/root/staypuft-test/drift':
    ensure  => file,
    content => generate('/bin/date', '+compiled at %s%N'),
  }
}
