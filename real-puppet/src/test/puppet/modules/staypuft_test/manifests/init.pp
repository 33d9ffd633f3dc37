# @summary What every role of the real-Puppet scenarios shares: a directory for the roles' receipts.
#
# Each role class writes one file whose content comes from the ENC's parameters, so a host's own report and its
# files show that the catalog was compiled by the server from Staypuft's classification.
class staypuft_test {
  file { '/root/staypuft-test':
    ensure => directory,
    mode   => '0700',
  }
}
