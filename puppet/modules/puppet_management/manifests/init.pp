# @summary Turns the puppet agent service off or on, and nothing else.
#
# Staypuft keeps the agent service off while it drives puppet runs over SSH (runmode 'none'), then re-enables it
# (runmode 'service') in a run that must change nothing but Service[puppet]: the orchestrator fails the host if any
# other resource changed. So this class manages exactly one resource.
#
# @param runmode
#   'none': the service is stopped and disabled; 'service': running and enabled.
# @param service_name
#   The agent's service name on the host.
# @param service_provider
#   Puppet's service provider for it; undef (the default) lets Puppet pick the platform's (systemd on current
#   distributions). Set it where that pick is wrong, e.g. 'debian' (init script and update-rc.d) on hosts that run
#   without systemd as PID 1 (containers, network-namespace test hosts): usually through Hiera,
#   `puppet_management::service_provider: debian`.
class puppet_management (
  Enum['none', 'service'] $runmode = 'none',
  String[1] $service_name = 'puppet',
  Optional[String[1]] $service_provider = undef,
) {
  $enabled = $runmode == 'service'

  service { $service_name:
    ensure   => $enabled ? {
      true    => 'running',
      default => 'stopped',
    },
    enable   => $enabled,
    provider => $service_provider,
  }
}
