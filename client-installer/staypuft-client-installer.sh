#!/bin/sh
# staypuft-client-installer: prepares a host Staypuft cannot provision (scenario 2) and registers it.
#
#   1. stops and disables the puppet agent service (Staypuft runs puppet itself, over SSH);
#   2. adds the Staypuft proxy's public key to the SSH user's authorized_keys (once, never duplicated);
#   3. points the puppet agent at the puppet server;
#   4. collects hostname, address, MAC, SSH host keys, the SSH port and user Staypuft's proxy must use (and facts
#      that do not change from run to run, from `facter -j`, when facter is present) and registers the host.
#
# Usage: staypuft-client-installer.sh [--answers FILE] [--dry-run]
#   FILE defaults to /etc/staypuft/client-installer.answers.
# The answer file comes from `staypuft answer-file` (or the discovery-listener's answer-file endpoint).
# Running it again changes nothing.
#
# Exit codes: 0 registered (or already registered), 2 usage or answer file invalid, 3 a local step failed,
# 4 the registration was refused (token invalid, expired or revoked), 5 Staypuft could not be reached.
#
# Paths and commands can be redirected for testing: STAYPUFT_ROOT prefixes every file the script reads or writes;
# STAYPUFT_HOSTNAME, STAYPUFT_ADDRESS, STAYPUFT_MAC override what it detects; sshd is the first one on PATH.

set -eu

ROOT="${STAYPUFT_ROOT:-}"
ANSWERS="${ROOT}/etc/staypuft/client-installer.answers"
DRY_RUN=0

log() { printf 'staypuft-client-installer: %s\n' "$*"; }
warn() { printf 'staypuft-client-installer: %s\n' "$*" >&2; }
fail() {
  code="$1"
  shift
  printf 'staypuft-client-installer: error: %s\n' "$*" >&2
  exit "$code"
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --answers) [ "$#" -ge 2 ] || fail 2 "--answers needs a file"; ANSWERS="$2"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail 2 "unknown argument: $1 (see --help)" ;;
  esac
done

# --- answer file: key=value lines, read without executing anything from it -----------------------------------
answer() {
  # The last line for the key wins; the value is everything after the first '='.
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$ANSWERS" | tail -n 1 | sed 's/[[:space:]]*$//'
}

[ -r "$ANSWERS" ] || fail 2 "answer file $ANSWERS is missing or unreadable"
REGISTRATION_URL="$(answer registration_url)"
REGISTRATION_TOKEN="$(answer registration_token)"
PROXY_PUBLIC_KEY="$(answer proxy_public_key)"
PUPPET_SERVER="$(answer puppet_server)"
SSH_USER="$(answer ssh_user)"
SSH_USER="${SSH_USER:-root}"
PUPPET_SERVICE="$(answer puppet_service)"
PUPPET_SERVICE="${PUPPET_SERVICE:-puppet}"

case "$REGISTRATION_URL" in
  http://*|https://*) ;;
  *) fail 2 "registration_url must be an http(s) URL, got '${REGISTRATION_URL}'" ;;
esac
printf '%s' "$REGISTRATION_TOKEN" | grep -Eq '^[A-Za-z0-9_-]{16,}$' \
  || fail 2 "registration_token is missing or malformed"
printf '%s' "$PROXY_PUBLIC_KEY" | grep -Eq '^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=*( [^[:cntrl:]]*)?$' \
  || fail 2 "proxy_public_key is not an authorized_keys line"
printf '%s' "$PUPPET_SERVER" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?$' \
  || fail 2 "puppet_server must be a host name, got '${PUPPET_SERVER}'"
# Puppet 7 reads no port in "server": host:port becomes server = host and serverport = port.
PUPPET_SERVER_HOST="${PUPPET_SERVER%%:*}"
PUPPET_SERVER_PORT=""
case "$PUPPET_SERVER" in
  *:*) PUPPET_SERVER_PORT="${PUPPET_SERVER#*:}" ;;
esac
if [ -n "$PUPPET_SERVER_PORT" ]; then
  PUPPET_SERVER_PORT="$(printf '%s' "$PUPPET_SERVER_PORT" | sed 's/^0*//')"
  case "$PUPPET_SERVER_PORT" in
    ''|*[!0-9]*) fail 2 "puppet_server's port must be 1..65535, got '${PUPPET_SERVER}'" ;;
  esac
  if [ "$PUPPET_SERVER_PORT" -lt 1 ] || [ "$PUPPET_SERVER_PORT" -gt 65535 ]; then
    fail 2 "puppet_server's port must be 1..65535, got '${PUPPET_SERVER}'"
  fi
fi
printf '%s' "$SSH_USER" | grep -Eq '^[a-z_][a-z0-9_-]{0,31}$' || fail 2 "ssh_user '${SSH_USER}' is not a user name"
printf '%s' "$PUPPET_SERVICE" | grep -Eq '^[A-Za-z0-9_.@-]{1,64}$' || fail 2 "puppet_service is not a service name"

run() {
  if [ "$DRY_RUN" -eq 1 ]; then
    log "would run: $*"
  else
    "$@"
  fi
}

# --- 1. the puppet agent service: stopped and disabled -------------------------------------------------------
disable_agent_service() {
  # systemctl only where systemd runs (it made /run/systemd/system at boot): a container or a host booted with
  # another init may have the command, but then it answers nothing and the init script's service stays running.
  if command -v systemctl >/dev/null 2>&1 && [ -d "$ROOT/run/systemd/system" ]; then
    if systemctl is-active --quiet "$PUPPET_SERVICE" 2>/dev/null; then
      run systemctl stop "$PUPPET_SERVICE" || return 1
      log "stopped the $PUPPET_SERVICE service"
    fi
    if systemctl is-enabled --quiet "$PUPPET_SERVICE" 2>/dev/null; then
      run systemctl disable "$PUPPET_SERVICE" || return 1
      log "disabled the $PUPPET_SERVICE service"
    fi
  elif command -v service >/dev/null 2>&1; then
    if service "$PUPPET_SERVICE" status >/dev/null 2>&1; then
      run service "$PUPPET_SERVICE" stop || return 1
      log "stopped the $PUPPET_SERVICE service"
    fi
    if command -v update-rc.d >/dev/null 2>&1; then
      run update-rc.d "$PUPPET_SERVICE" disable >/dev/null 2>&1 || true
    elif command -v chkconfig >/dev/null 2>&1; then
      run chkconfig "$PUPPET_SERVICE" off || true
    fi
  else
    log "no systemctl or service command: leaving the agent service alone"
  fi
}

# --- 2. the proxy's key in authorized_keys ------------------------------------------------------------------
home_of() {
  if [ "$1" = root ]; then
    printf '%s/root' "$ROOT"
  else
    home="$(getent passwd "$1" | cut -d: -f6)"
    [ -n "$home" ] || return 1
    printf '%s%s' "$ROOT" "$home"
  fi
}

authorize_proxy_key() {
  home="$(home_of "$SSH_USER")" || { log "user $SSH_USER does not exist"; return 1; }
  keys="$home/.ssh/authorized_keys"
  # Compare on "algorithm key", ignoring the comment, so a re-run with another comment adds nothing.
  key_part="$(printf '%s' "$PROXY_PUBLIC_KEY" | cut -d' ' -f1,2)"
  if [ -f "$keys" ] && cut -d' ' -f1,2 "$keys" | grep -qxF "$key_part"; then
    log "the proxy key is already in $keys"
    return 0
  fi
  [ "$DRY_RUN" -eq 1 ] && { log "would add the proxy key to $keys"; return 0; }
  mkdir -p "$home/.ssh" && chmod 700 "$home/.ssh" || return 1
  # A last line without its newline would otherwise be glued to ours, breaking both keys.
  if [ -s "$keys" ] && [ -n "$(tail -c 1 "$keys")" ]; then
    printf '\n' >>"$keys" || return 1
  fi
  printf '%s\n' "$PROXY_PUBLIC_KEY" >>"$keys" && chmod 600 "$keys" || return 1
  if [ -z "$ROOT" ] && [ "$SSH_USER" != root ]; then
    chown -R "$SSH_USER" "$home/.ssh" || return 1
  fi
  log "added the proxy key to $keys"
}

# --- 3. the puppet server -----------------------------------------------------------------------------------
puppet_conf() {
  for candidate in "$ROOT/etc/puppetlabs/puppet/puppet.conf" "$ROOT/etc/puppet/puppet.conf"; do
    if [ -f "$candidate" ]; then
      printf '%s' "$candidate"
      return 0
    fi
  done
  if [ -d "$ROOT/etc/puppetlabs/puppet" ]; then
    printf '%s' "$ROOT/etc/puppetlabs/puppet/puppet.conf"
  else
    printf '%s' "$ROOT/etc/puppet/puppet.conf"
  fi
}

point_agent_at_server() {
  conf="$(puppet_conf)"
  # In [agent]: server = host, and serverport = port when the answer file names one (Puppet 7 reads no port in
  # "server"). Without a port, a serverport already there stays. "server = x" and "server=x" alike.
  wanted="puppet server $PUPPET_SERVER_HOST${PUPPET_SERVER_PORT:+ on port $PUPPET_SERVER_PORT}"
  if [ -f "$conf" ] && awk -v server="$PUPPET_SERVER_HOST" -v port="$PUPPET_SERVER_PORT" '
      /^[[:space:]]*\[/ { section = $0; gsub(/[[:space:]\[\]]/, "", section); next }
      section == "agent" && /^[[:space:]]*(server|serverport)[[:space:]]*=/ {
        key = $0; sub(/[[:space:]]*=.*$/, "", key); gsub(/[[:space:]]/, "", key)
        value = $0; sub(/^[^=]*=[[:space:]]*/, "", value); sub(/[[:space:]]+$/, "", value)
        if (key == "server") { found = (value == server); servers++ }
        else { portFound = (value == port); ports++ }
      }
      END { exit (found && servers == 1 && (port == "" || (portFound && ports == 1))) ? 0 : 1 }' "$conf"; then
    log "the agent already uses $wanted"
    return 0
  fi
  [ "$DRY_RUN" -eq 1 ] && { log "would point [agent] of $conf at $wanted"; return 0; }
  mkdir -p "$(dirname "$conf")" || return 1
  [ -f "$conf" ] || : >"$conf"
  tmp="$conf.staypuft.$$"
  # Drop our keys' lines of [agent], then put ours right after the section header (adding it when absent).
  awk -v server="$PUPPET_SERVER_HOST" -v port="$PUPPET_SERVER_PORT" '
    function ours() { print "server = " server; if (port != "") print "serverport = " port; done = 1 }
    /^[[:space:]]*\[/ {
      section = $0; gsub(/[[:space:]\[\]]/, "", section)
      print
      if (section == "agent") ours()
      next
    }
    section == "agent" && /^[[:space:]]*server[[:space:]]*=/ { next }
    section == "agent" && port != "" && /^[[:space:]]*serverport[[:space:]]*=/ { next }
    { print }
    END { if (!done) { print ""; print "[agent]"; ours() } }' "$conf" >"$tmp" && mv "$tmp" "$conf" \
    || return 1
  log "pointed [agent] of $conf at $wanted"
}

# --- 4. what we tell Staypuft about this host ---------------------------------------------------------------
detect_hostname() {
  if [ -n "${STAYPUFT_HOSTNAME:-}" ]; then
    printf '%s' "$STAYPUFT_HOSTNAME"
  else
    hostname -f 2>/dev/null || hostname
  fi
}

detect_interface() {
  ip -o route get 192.0.2.1 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n 1
}

detect_address() {
  if [ -n "${STAYPUFT_ADDRESS:-}" ]; then
    printf '%s' "$STAYPUFT_ADDRESS"
  else
    ip -o route get 192.0.2.1 2>/dev/null | sed -n 's/.* src \([^ ]*\).*/\1/p' | head -n 1
  fi
}

detect_mac() {
  if [ -n "${STAYPUFT_MAC:-}" ]; then
    printf '%s' "$STAYPUFT_MAC"
  else
    interface="$(detect_interface)"
    [ -n "$interface" ] && cat "/sys/class/net/$interface/address" 2>/dev/null
  fi
}

host_keys_json() {
  first=1
  printf '['
  for pub in "$ROOT"/etc/ssh/ssh_host_*_key.pub; do
    [ -f "$pub" ] || continue
    line="$(cut -d' ' -f1,2 "$pub")"
    # Only well-formed key lines: they are copied into JSON unescaped.
    printf '%s' "$line" | grep -Eq '^[a-z0-9-]+ [A-Za-z0-9+/]+=*$' || continue
    [ "$first" -eq 1 ] || printf ','
    printf '"%s"' "$line"
    first=0
  done
  printf ']'
}

# The port sshd listens on: sshd's own answer (sshd -T: the effective configuration, defaults and Include files
# resolved), else the first Port line of sshd_config before any Match block (sshd -T needs root and loadable host
# keys), else none, and Staypuft uses the role's or its global port. Only a number 1..65535 is taken: what sshd or
# the file says goes nowhere unchecked.
detect_ssh_port() {
  config="$ROOT/etc/ssh/sshd_config"
  port=""
  sshd_command="$(command -v sshd 2>/dev/null || true)"
  if [ -z "$sshd_command" ] && [ -x /usr/sbin/sshd ]; then
    sshd_command=/usr/sbin/sshd
  fi
  if [ -n "$sshd_command" ]; then
    if [ -n "$ROOT" ]; then
      port="$("$sshd_command" -T -f "$config" 2>/dev/null | awk '/^port /{print $2; exit}')" || port=""
    else
      port="$("$sshd_command" -T 2>/dev/null | awk '/^port /{print $2; exit}')" || port=""
    fi
  fi
  if [ -z "$port" ] && [ -r "$config" ]; then
    port="$(awk '{ sub(/^[[:space:]]+/, ""); n = split($0, word, /[[:space:]=]+/) }
      tolower(word[1]) == "match" { exit }
      tolower(word[1]) == "port" && n >= 2 { print word[2]; exit }' "$config")" || port=""
  fi
  case "$port" in
    '') return 0 ;;
    *[!0-9]*) warn "ignoring the SSH port sshd reported: not a number"; return 0 ;;
  esac
  port="$(printf '%s' "$port" | sed 's/^0*//')"
  if [ -z "$port" ] || [ "${#port}" -gt 5 ] || [ "$port" -gt 65535 ]; then
    warn "ignoring the SSH port sshd reported: not 1..65535"
    return 0
  fi
  printf '%s' "$port"
}

register() {
  host_name="$(detect_hostname)"
  address="$(detect_address)"
  mac="$(detect_mac | tr 'A-F' 'a-f')"
  printf '%s' "$host_name" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$' \
    || { log "hostname '$host_name' is not a valid host name"; return 3; }
  printf '%s' "$address" | grep -Eq '^[0-9A-Fa-f.:]+$' || { log "could not detect this host's address"; return 3; }
  printf '%s' "$mac" | grep -Eq '^([0-9a-f]{2}:){5}[0-9a-f]{2}$' || { log "could not detect this host's MAC"; return 3; }

  facts='null'
  if command -v facter >/dev/null 2>&1; then
    # Only facts that stay put from run to run (not uptime, free memory, CPU MHz...): a second run must find
    # nothing changed. facter exits non-zero for facts it cannot read (in containers) yet prints the rest.
    facts="$(facter -j os networking dmi disks ssh processors.count processors.physicalcount processors.models \
      memory.system.total_bytes 2>/dev/null || true)"
    case "$facts" in
      \{*) ;;
      *) facts='null' ;;
    esac
  fi
  keys_json="$(host_keys_json)"
  [ "$keys_json" != '[]' ] \
    || { warn "no SSH host keys in $ROOT/etc/ssh/ssh_host_*_key.pub (ssh-keygen -A creates them)"; return 3; }
  # How the proxy reaches this host: the user its key was added for (checked above), and sshd's port when known.
  ssh_port="$(detect_ssh_port)"
  if [ -n "$ssh_port" ]; then
    ssh_json="$(printf '{"port":%s,"user":"%s"}' "$ssh_port" "$SSH_USER")"
    log "Staypuft will connect as $SSH_USER on SSH port $ssh_port"
  else
    ssh_json="$(printf '{"user":"%s"}' "$SSH_USER")"
    log "Staypuft will connect as $SSH_USER (sshd's port unknown here: the deployment's or Staypuft's default port)"
  fi
  body="$(printf '{"hostname":"%s","address":"%s","mac":"%s","sshHostKeys":%s,"ssh":%s,"facts":%s}' \
    "$host_name" "$address" "$mac" "$keys_json" "$ssh_json" "$facts")"

  if [ "$DRY_RUN" -eq 1 ]; then
    log "would register $host_name ($address, $mac) at $REGISTRATION_URL"
    return 0
  fi
  command -v curl >/dev/null 2>&1 || { warn "curl is needed to register: install it and run again"; return 3; }
  response="$(mktemp)"
  status="$(printf '%s' "$body" | curl -sS --connect-timeout 10 --max-time 60 -o "$response" -w '%{http_code}' \
    -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $REGISTRATION_TOKEN" \
    --data-binary @- "$REGISTRATION_URL")" || { rm -f "$response"; return 5; }
  answer_body="$(cat "$response")"
  rm -f "$response"
  outcome="$(printf '%s' "$answer_body" | sed -n 's/.*"outcome":"\([a-z]*\)".*/\1/p')"
  case "$status:$outcome" in
    201:*) log "registered $host_name ($address, $mac)" ;;
    200:unchanged) log "already registered as $host_name: nothing changed" ;;
    200:*) log "already registered as $host_name: Staypuft took its new details ($address, $mac, SSH host keys)" ;;
    401:*|403:*) warn "registration refused ($status): $answer_body"; return 4 ;;
    *) warn "registration failed ($status): $answer_body"; return 3 ;;
  esac
}

disable_agent_service || fail 3 "could not stop and disable the $PUPPET_SERVICE service"
authorize_proxy_key || fail 3 "could not add the proxy key for $SSH_USER"
point_agent_at_server || fail 3 "could not point the agent at $PUPPET_SERVER"
register || {
  code=$?
  case "$code" in
    4) fail 4 "Staypuft refused the registration token: ask for a new answer file" ;;
    5) fail 5 "could not reach $REGISTRATION_URL" ;;
    *) fail 3 "registration did not succeed" ;;
  esac
}
log "done: the agent is off, Staypuft's proxy can reach $SSH_USER over SSH, the host is registered"
