# Staypuft: finish the installation of {hostName} ({hostId}).
# Rendered by the Staypuft host registry for this host only; runs once as root at the end of the installation.
# Operators: a file named finish.sh in staypuft.registry.templates.directory replaces this one.
set -eu

puppet_server='{puppetServer}'
certname='{hostName}'
ssh_user='{sshUser}'
proxy_key='{proxyPublicKey}'
{|
PATH="/opt/puppetlabs/bin:$PATH"
export PATH

# 1. The puppet agent talks to our server, under the name the node classifier knows this host by. Puppet 7 reads
#    no port in "server": host:port is server = host and serverport = port.
puppet config set --section agent server "${puppet_server%%:*}"
case "$puppet_server" in
  *:*) puppet config set --section agent serverport "${puppet_server#*:}" ;;
esac
puppet config set --section main certname "$certname"

# 2. No agent runs on its own: Staypuft triggers each run until the deployment re-enables the service
#    (puppet_management runmode=service). Never enabled here. systemctl where systemd runs (it made
#    /run/systemd/system at boot); an installer's chroot has systemctl but no running systemd: disable offline there;
#    another init (a container, sysvinit): the init script and its links, as the client installer does.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl unmask puppet >/dev/null 2>&1 || true
  systemctl disable --now puppet
elif command -v update-rc.d >/dev/null 2>&1 || command -v chkconfig >/dev/null 2>&1; then
  if command -v service >/dev/null 2>&1; then service puppet stop >/dev/null 2>&1 || true; fi
  if command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d puppet disable >/dev/null 2>&1 || true
  else
    chkconfig puppet off >/dev/null 2>&1 || true
  fi
elif command -v systemctl >/dev/null 2>&1; then
  systemctl unmask puppet >/dev/null 2>&1 || true
  systemctl disable puppet
fi

# 3. The Staypuft proxy runs puppet over SSH with this key.
ssh_home="$(getent passwd "$ssh_user" | cut -d: -f6)"
if [ -z "$ssh_home" ]; then
  echo "staypuft: no user $ssh_user to authorise the proxy's key for" >&2
  exit 1
fi
mkdir -p "$ssh_home/.ssh"
touch "$ssh_home/.ssh/authorized_keys"
grep -qxF "$proxy_key" "$ssh_home/.ssh/authorized_keys" || printf '%s\n' "$proxy_key" >>"$ssh_home/.ssh/authorized_keys"
chmod 700 "$ssh_home/.ssh"
chmod 600 "$ssh_home/.ssh/authorized_keys"
chown -R "$ssh_user:$(id -gn "$ssh_user")" "$ssh_home/.ssh"
if command -v restorecon >/dev/null 2>&1; then restorecon -R "$ssh_home/.ssh"; fi

# 4. The installed system's SSH host keys, made now so that the keys reported are the ones sshd will present.
ssh-keygen -A
host_keys=''
for pub in /etc/ssh/ssh_host_*_key.pub; do
  [ -r "$pub" ] || continue
  host_keys="${host_keys:+$host_keys, }\"$(cut -d' ' -f1,2 "$pub")\""
done
|}
# 5. Built: Staypuft leaves build mode, trusts these host keys, and goes on with the deployment. The token in the
#    URL is good for this one call.
curl -fsS -X POST -H 'Content-Type: application/json' --data "{\"sshHostKeys\": [$host_keys]}" --retry 10 --retry-delay 10 '{builtUrl}'
