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

# 1. The puppet agent talks to our server, under the name the node classifier knows this host by.
puppet config set --section agent server "$puppet_server"
puppet config set --section main certname "$certname"

# 2. No agent runs on its own: Staypuft triggers each run until the deployment re-enables the service
#    (puppet_management runmode=service). Never enabled here.
systemctl unmask puppet >/dev/null 2>&1 || true
systemctl disable --now puppet

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
