// Staypuft dashboard: deployments, a run's role graph and hosts, live from the run's Server-Sent Events.
// EventSource cannot send an Authorization header, so the stream is read with fetch() and parsed here.
// The token comes from the URL fragment (#token=..., never sent to a server) or the paste form, and is kept in
// sessionStorage: it lives as long as the tab.
'use strict';

(() => {
  const TOKEN_KEY = 'staypuft.dashboard.token';
  const SVG = 'http://www.w3.org/2000/svg';
  const HOST_PAGE = 1000;
  const HOST_PAGES_MAX = 20;
  const DEPLOYMENTS_EVERY_MS = 5000;

  const state = {
    token: null,
    deployments: [],
    deploymentId: null,
    runs: [],
    runId: null,
    run: null,
    roles: new Map(),
    hosts: new Map(),
    // hostId -> its open identity conflicts (the host API's identityConflict), for the mark on its row
    conflicts: new Map(),
    dirtyHosts: new Set(),
    rolesDirty: false,
    stream: null,
    lastEventId: null,
    catchingUp: false,
    catchUpUntil: 0,
    renderTimer: null,
    renderPending: false,
    depth: null,
    poller: null,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- token

  function takeFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const token = params.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      params.delete('token');
      // Out of the address bar and the history: the fragment held a credential.
      history.replaceState(null, '', location.pathname + location.search + (params.toString() ? '#' + params : ''));
    }
    return params;
  }

  function claims(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload));
    } catch (e) {
      return {};
    }
  }

  function showLogin(message) {
    stopRun();
    clearInterval(state.poller);
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('app').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    showMessage(message);
  }

  function signedIn(token) {
    state.token = token;
    const c = claims(token);
    $('who-name').textContent = (c.sub || c.upn || 'token') + (c.groups ? ' (' + [].concat(c.groups).join(', ') + ')' : '');
    $('who').hidden = false;
    $('login').hidden = true;
    $('app').hidden = false;
  }

  function showMessage(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  // ---- API

  class AuthError extends Error {}

  async function api(path) {
    const response = await fetch(path, {
      headers: { Accept: 'application/json', Authorization: 'Bearer ' + state.token },
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) throw new AuthError(response.status === 401
      ? 'The token was refused (expired, or not issued for this service).'
      : 'The token lacks the viewer or operator role.');
    if (!response.ok) {
      let detail = '';
      try { detail = (await response.json()).detail || ''; } catch (e) { /* not JSON */ }
      throw new Error(path + ': HTTP ' + response.status + (detail ? ': ' + detail : ''));
    }
    return response.json();
  }

  /** Whether the token carries the operator role (the server decides; this only hides what would be refused). */
  function isOperator() {
    return [].concat(claims(state.token || '').groups || []).includes('operator');
  }

  async function approveRole(roleName, button) {
    button.disabled = true;
    try {
      const response = await fetch('api/v1/runs/' + encodeURIComponent(state.run.id) + '/roles/'
        + encodeURIComponent(roleName) + '/approve', {
        method: 'POST',
        headers: { Accept: 'application/json', Authorization: 'Bearer ' + state.token },
      });
      if (!response.ok) {
        let detail = '';
        try { detail = (await response.json()).detail || ''; } catch (e) { /* not JSON */ }
        showMessage('Approving ' + roleName + ': HTTP ' + response.status + (detail ? ': ' + detail : ''));
      }
    } catch (error) {
      failed(error);
    } finally {
      button.disabled = false;
    }
  }

  function failed(error) {
    if (error instanceof AuthError) showLogin(error.message);
    else showMessage(error.message);
  }

  // ---- deployments

  async function loadDeployments() {
    const deployments = await api('api/v1/deployments');
    deployments.sort((a, b) => a.name.localeCompare(b.name));
    state.deployments = deployments;
    renderDeployments();
    const selected = deployments.find((d) => d.id === state.deploymentId);
    // A run started elsewhere (CLI, another tab) becomes the one shown.
    if (selected && selected.activeRunId && selected.activeRunId !== state.runId) await selectDeployment(selected.id);
  }

  function renderDeployments() {
    const list = $('deployments');
    list.replaceChildren();
    $('no-deployments').hidden = state.deployments.length > 0;
    for (const deployment of state.deployments) {
      const item = el('li');
      const button = el('button', 'deployment' + (deployment.id === state.deploymentId ? ' selected' : ''));
      button.type = 'button';
      button.dataset.deployment = deployment.id;
      button.append(el('span', 'name', deployment.name));
      const roles = deployment.roles.length;
      const hosts = deployment.roles.reduce((sum, role) => sum + (role.hosts ? role.hosts.length : 0), 0);
      button.append(el('span', 'meta', roles + (roles === 1 ? ' role, ' : ' roles, ') + hosts
        + (hosts === 1 ? ' host' : ' hosts')));
      if (deployment.activeRunId) button.append(el('span', 'badge RUNNING', 'running'));
      button.addEventListener('click', () => selectDeployment(deployment.id).catch(failed));
      item.append(button);
      list.append(item);
    }
  }

  async function selectDeployment(deploymentId, runId) {
    state.deploymentId = deploymentId;
    renderDeployments();
    state.runs = await api('api/v1/deployments/' + encodeURIComponent(deploymentId) + '/runs');
    state.runs.sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
    $('pick').hidden = true;
    const run = state.runs.find((r) => r.id === runId) || state.runs[0];
    $('no-run').hidden = !!run;
    if (!run) {
      stopRun();
      $('run').hidden = true;
      remember();
      return;
    }
    await selectRun(run.id);
  }

  function remember() {
    const params = new URLSearchParams();
    if (state.deploymentId) params.set('deployment', state.deploymentId);
    if (state.runId) params.set('run', state.runId);
    history.replaceState(null, '', location.pathname + location.search + '#' + params);
  }

  // ---- a run: snapshot over REST, then its change stream

  function stopRun() {
    if (state.stream) state.stream.abort();
    state.stream = null;
    clearTimeout(state.renderTimer);
    state.renderTimer = null;
  }

  async function selectRun(runId) {
    stopRun();
    state.runId = runId;
    remember();
    const detail = await api('api/v1/runs/' + encodeURIComponent(runId));
    const hosts = [];
    for (let page = 0; page < HOST_PAGES_MAX; page++) {
      const batch = await api('api/v1/runs/' + encodeURIComponent(runId) + '/hosts?size=' + HOST_PAGE
        + '&page=' + page);
      hosts.push(...batch.hosts);
      if (hosts.length >= batch.total || batch.hosts.length === 0) break;
    }
    // One read of the known hosts gives both marks: open identity conflicts and the rule that assigned a host.
    const known = await api('api/v1/hosts?limit=5000');
    showConflicts(known.filter((host) => host.identityConflict));
    const assignedBy = rulesOf(known);
    if (state.runId !== runId) return; // another run was picked meanwhile
    state.assignedBy = assignedBy;
    state.run = detail.run;
    state.roles = new Map(detail.roles.map((role) => [role.name, role]));
    state.hosts = new Map(hosts.map((host) => [host.hostId, host]));
    state.dirtyHosts = new Set(state.hosts.keys());
    state.rolesDirty = true;
    state.lastEventId = null;
    $('hosts').replaceChildren();
    renderRunList();
    render();
    if (active(state.run.status)) follow(runId);
    else setLive('');
  }

  /**
   * The hosts with an open identity conflict (issue 12: a refused claim of another address, kind or SSH host keys that
   * no operator has decided yet). Read with the page and then with the deployments; a changed mark redraws its row.
   */
  async function loadConflicts() {
    showConflicts(await api('api/v1/hosts?identityConflict=open&limit=5000'));
  }

  function showConflicts(hosts) {
    const conflicts = new Map(hosts.map((host) => [host.hostId, host.identityConflict]));
    for (const hostId of new Set([...state.conflicts.keys(), ...conflicts.keys()])) {
      const before = state.conflicts.get(hostId), after = conflicts.get(hostId);
      if ((before && before.conflictId) !== (after && after.conflictId) && state.hosts.has(hostId)) {
        state.dirtyHosts.add(hostId);
      }
    }
    state.conflicts = conflicts;
    if (state.dirtyHosts.size) scheduleRender();
  }

  /** Which discovery rule assigned each host and the name it gave (ADR 0018). */
  function rulesOf(hosts) {
    return new Map(hosts.filter((h) => h.rule).map((h) => [h.hostId, { rule: h.rule, name: h.givenName }]));
  }

  function active(status) {
    return status === 'RUNNING' || status === 'PAUSED' || status === 'CANCELLING';
  }

  function setLive(text) {
    $('live').textContent = text;
    $('live').className = text ? 'live is-' + text.replace(/\W+/g, '-') : 'live';
  }

  async function follow(runId) {
    const controller = new AbortController();
    state.stream = controller;
    // The stream starts at the run's first change: the state it replays is older than the snapshot, so it is shown
    // once it went quiet (caught up) rather than change by change.
    state.catchingUp = true;
    state.catchUpUntil = Date.now() + 1000; // a busy run is never quiet: show it after a second anyway
    let backoff = 1000;
    while (!controller.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + state.token };
        if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
        const response = await fetch('api/v1/runs/' + encodeURIComponent(runId) + '/events',
          { headers, cache: 'no-store', signal: controller.signal });
        if (response.status === 401 || response.status === 403) {
          showLogin('The token was refused while following the run.');
          return;
        }
        if (!response.ok) throw new Error('HTTP ' + response.status);
        setLive('live');
        backoff = 1000;
        await readEvents(response.body, (event) => {
          if (state.stream === controller) apply(event);
        });
        if (state.stream !== controller) return;
        // The server ends the stream once the run has ended; otherwise it was cut and we resume.
        if (state.run && !active(state.run.status)) {
          // The run ended: its final state, as the API has it, replaces what the stream built up.
          state.stream = null;
          await selectRun(runId);
          refreshRunList();
          loadDeployments().catch(failed); // its "running" badge goes
          return;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      setLive('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 15000);
    }
  }

  /** Reads a text/event-stream body, calling onEvent({id, type, data}) per event. */
  async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = { id: null, type: 'message', data: [] };
        for (const line of block.split('\n')) {
          if (line === '' || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) text = text.slice(1);
          if (field === 'id') event.id = text;
          else if (field === 'event') event.type = text;
          else if (field === 'data') event.data.push(text);
        }
        if (event.data.length) onEvent({ id: event.id, type: event.type, data: event.data.join('\n') });
      }
    }
  }

  function apply(event) {
    if (event.id) state.lastEventId = event.id;
    const data = JSON.parse(event.data);
    if (event.type === 'run') {
      state.run = data;
    } else if (event.type === 'role') {
      state.roles.set(data.name, data);
      state.rolesDirty = true;
    } else if (event.type === 'host') {
      state.hosts.set(data.hostId, data);
      state.dirtyHosts.add(data.hostId);
      state.rolesDirty = true;
    }
    scheduleRender();
  }

  function scheduleRender() {
    clearTimeout(state.renderTimer);
    if (state.catchingUp && Date.now() > state.catchUpUntil) state.catchingUp = false;
    if (state.catchingUp) {
      state.renderTimer = setTimeout(() => {
        state.catchingUp = false;
        render();
      }, 150);
    } else if (!state.renderPending) {
      state.renderPending = true;
      requestAnimationFrame(() => {
        state.renderPending = false;
        render();
      });
    }
  }

  async function refreshRunList() {
    try {
      state.runs = await api('api/v1/deployments/' + encodeURIComponent(state.deploymentId) + '/runs');
      state.runs.sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
      renderRunList();
    } catch (error) {
      failed(error);
    }
  }

  // ---- counts: role and run events come when a status changes, host events with every step, so the counts are
  // taken from the hosts whenever the page holds all of them.

  function deployDone(host) {
    return host.phase === 'ENABLE_AGENT' || host.phase === 'DONE' || (host.phase === 'DEPLOY' && host.status === 'SUCCEEDED');
  }

  function roleCounts(role) {
    const hosts = [...state.hosts.values()].filter((h) => h.role === role.name);
    if (hosts.length < role.hosts) {
      return { hosts: role.hosts, succeeded: role.succeeded, failed: role.failed, skipped: role.skipped, active: role.active };
    }
    return {
      hosts: hosts.length,
      succeeded: hosts.filter((h) => h.status !== 'FAILED' && h.status !== 'SKIPPED' && deployDone(h)).length,
      failed: hosts.filter((h) => h.status === 'FAILED').length,
      skipped: hosts.filter((h) => h.status === 'SKIPPED').length,
      active: hosts.filter((h) => h.status === 'RUNNING').length,
    };
  }

  function runCounts(run) {
    const c = run.counts;
    if (state.hosts.size < c.hosts) return c;
    const hosts = [...state.hosts.values()];
    const roles = [...state.roles.values()];
    return {
      hosts: hosts.length,
      deployed: hosts.filter((h) => h.phase === 'DONE' && h.status === 'SUCCEEDED').length,
      failed: hosts.filter((h) => h.status === 'FAILED').length,
      skipped: hosts.filter((h) => h.status === 'SKIPPED').length,
      active: hosts.filter((h) => h.status === 'RUNNING').length,
      rolesTotal: roles.length,
      rolesReady: roles.filter((r) => r.status === 'READY').length,
      rolesFailed: roles.filter((r) => r.status === 'FAILED').length,
    };
  }

  // ---- rendering

  function render() {
    if (!state.run) return;
    $('run').hidden = false;
    renderSummary();
    if (state.rolesDirty) {
      state.rolesDirty = false;
      renderGraph();
    }
    renderHosts();
  }

  function renderRunList() {
    const select = $('run-select');
    select.replaceChildren();
    for (const run of state.runs) {
      const option = el('option', null, when(run.createdAt) + ' \u00b7 ' + run.status.toLowerCase());
      option.value = run.id;
      option.selected = run.id === state.runId;
      select.append(option);
    }
  }

  function renderSummary() {
    const run = state.run;
    $('run-title').textContent = run.deploymentName;
    $('run-status').textContent = run.status.toLowerCase();
    $('run-status').className = 'badge ' + run.status;
    $('run').dataset.status = run.status;
    const c = runCounts(run);
    const facts = [
      ['hosts', c.deployed + ' deployed \u00b7 ' + c.failed + ' failed \u00b7 ' + c.skipped + ' skipped \u00b7 '
        + c.active + ' running, of ' + c.hosts],
      ['roles', c.rolesReady + ' of ' + c.rolesTotal + ' ready' + (c.rolesFailed ? ', ' + c.rolesFailed + ' failed' : '')],
      ['phase', run.phase.toLowerCase()],
      ['started', when(run.createdAt) + (run.triggeredBy ? ' by ' + run.triggeredBy : '')],
      ['took', run.durationMillis != null ? duration(run.durationMillis) : 'running'],
    ];
    if (run.cancelledBy) facts.push(['cancelled by', run.cancelledBy]);
    // Paused at the wait limit (issue 11): nothing new starts until an operator resumes the run.
    if (run.pause) {
      facts.push(['paused', 'waiting for ' + run.pause.waitingFor + ' since ' + when(run.pause.since) + ', paused '
        + when(run.pause.pausedAt) + '; resume with: staypuft runs resume ' + run.id]);
    }
    const waits = partsWaitedFor();
    if (waits.length) facts.push(['waiting for', waits.join('; ')]);
    const list = $('run-facts');
    list.replaceChildren();
    for (const [term, value] of facts) {
      const item = el('div');
      item.append(el('dt', null, term), el('dd', null, value));
      list.append(item);
    }
    $('run-reason').textContent = run.reason || '';
    $('run-reason').hidden = !run.reason;
  }

  /**
   * What the run waits for, from its hosts' steps: a part of Staypuft (puppet-runner, host-registry, Kafka) that did not
   * answer; the hosts are not blamed and the run goes on when it answers (issue 11).
   */
  function partsWaitedFor() {
    const parts = new Map();
    for (const host of state.hosts.values()) {
      if (!host.waitingFor || host.status !== 'RUNNING') continue;
      const part = host.waitingFor.split(' (')[0];
      const wait = parts.get(part) || { since: host.waitingSince, hosts: 0 };
      wait.hosts++;
      if (host.waitingSince && host.waitingSince < wait.since) wait.since = host.waitingSince;
      parts.set(part, wait);
    }
    return [...parts.entries()].map(([part, wait]) => part + ' since ' + when(wait.since) + ' (' + wait.hosts
      + (wait.hosts === 1 ? ' host)' : ' hosts)'));
  }

  /** Roles in columns by dependency depth, edges from each role to those depending on it. */
  function renderGraph() {
    const roles = [...state.roles.values()];
    const depth = new Map();
    const depthOf = (role, seen) => {
      if (depth.has(role.name)) return depth.get(role.name);
      let d = 0;
      for (const name of role.dependsOn || []) {
        const dep = state.roles.get(name);
        if (dep && !seen.has(name)) d = Math.max(d, depthOf(dep, new Set([...seen, name])) + 1);
      }
      depth.set(role.name, d);
      return d;
    };
    roles.forEach((role) => depthOf(role, new Set([role.name])));
    state.depth = depth;

    const columns = [];
    roles.forEach((role) => (columns[depth.get(role.name)] ||= []).push(role));
    const row = new Map();
    columns.forEach((column) => {
      // Next to what they depend on: fewer crossing edges.
      const weight = (role) => {
        const rows = (role.dependsOn || []).filter((n) => row.has(n)).map((n) => row.get(n));
        return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
      };
      column.sort((a, b) => weight(a) - weight(b));
      column.forEach((role, i) => row.set(role.name, i));
    });

    const W = 210, H = 90, GX = 70, GY = 22, PAD = 12;
    const tallest = Math.max(1, ...columns.map((c) => c.length));
    const width = PAD * 2 + columns.length * W + Math.max(0, columns.length - 1) * GX;
    const height = PAD * 2 + tallest * H + (tallest - 1) * GY;
    const pos = (role) => {
      const column = columns[depth.get(role.name)];
      const offset = (tallest - column.length) * (H + GY) / 2;
      return { x: PAD + depth.get(role.name) * (W + GX), y: PAD + offset + row.get(role.name) * (H + GY) };
    };

    const graph = $('graph');
    graph.replaceChildren();
    graph.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    graph.setAttribute('width', width);
    graph.setAttribute('height', height);
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
      markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
    defs.append(marker);
    graph.append(defs);

    for (const role of roles) {
      for (const name of role.dependsOn || []) {
        const dep = state.roles.get(name);
        if (!dep) continue;
        const from = pos(dep), to = pos(role);
        const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x - 2, y2 = to.y + H / 2, mid = (x1 + x2) / 2;
        graph.append(svg('path', { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
          class: 'edge ' + role.status, 'marker-end': 'url(#arrow)' }));
      }
    }

    for (const role of roles) {
      const { x, y } = pos(role);
      const node = svg('g', { class: 'role ' + role.status, transform: `translate(${x},${y})`,
        'data-role': role.name, 'data-status': role.status });
      node.append(svg('title', {}, role.name + ': ' + role.status.toLowerCase()
        + (role.reason ? ' \u2014 ' + role.reason : '')));
      node.append(svg('rect', { class: 'box', width: W, height: H, rx: 8 }));
      node.append(svg('text', { class: 'name', x: 12, y: 22 }, clip(role.name, 18)));
      node.append(svg('text', { class: 'state', x: W - 12, y: 22, 'text-anchor': 'end' }, role.status.toLowerCase()));
      const c = roleCounts(role);
      node.append(svg('text', { class: 'counts', x: 12, y: 44 }, c.succeeded + '/' + c.hosts + ' deployed'
        + (c.active ? ' \u00b7 ' + c.active + ' running' : '') + (c.failed ? ' \u00b7 ' + c.failed + ' failed' : '')));
      const barW = W - 24, total = Math.max(1, c.hosts);
      node.append(svg('rect', { class: 'bar', x: 12, y: 54, width: barW, height: 8, rx: 4 }));
      const okW = barW * (c.succeeded + c.skipped) / total, badW = barW * c.failed / total;
      if (okW > 0) node.append(svg('rect', { class: 'bar-ok', x: 12, y: 54, width: okW, height: 8, rx: 4 }));
      if (badW > 0) node.append(svg('rect', { class: 'bar-failed', x: 12 + okW, y: 54, width: badW, height: 8, rx: 4 }));
      node.append(svg('text', { class: 'mode', x: 12, y: 80 }, role.mode + (role.mode === 'serial' ? ''
        : ', up to ' + role.maxConcurrent) + ' \u00b7 ' + role.puppetRuns + (role.puppetRuns === 1 ? ' run' : ' runs')));
      graph.append(node);
    }
  }

  function renderHosts() {
    const container = $('hosts');
    for (const hostId of state.dirtyHosts) {
      const host = state.hosts.get(hostId);
      if (!host) continue;
      const body = roleTable(container, host.role);
      let row = body.querySelector(`tr[data-host="${CSS.escape(hostId)}"]`);
      if (!row) {
        row = el('tr');
        row.dataset.host = hostId;
        body.append(row);
      }
      fillHostRow(row, host);
    }
    state.dirtyHosts.clear();
    for (const section of container.children) {
      const role = state.roles.get(section.dataset.role);
      if (role) {
        section.querySelector('.role-state').textContent = role.status.toLowerCase();
        section.querySelector('.role-state').className = 'role-state badge ' + role.status;
        section.querySelector('.approve').hidden = !(role.status === 'AWAITING_APPROVAL' && isOperator());
        const c = roleCounts(role);
        section.querySelector('.role-counts').textContent = c.succeeded + ' deployed \u00b7 ' + c.failed
          + ' failed \u00b7 ' + c.skipped + ' skipped \u00b7 ' + c.active + ' running, of ' + c.hosts;
      }
    }
  }

  function roleTable(container, roleName) {
    let section = [...container.children].find((s) => s.dataset.role === roleName);
    if (!section) {
      section = el('section', 'role-hosts');
      section.dataset.role = roleName;
      const head = el('div', 'role-head');
      // Approval gates (issue 17): an operator approves a role that awaits it; shown while it does.
      const approve = el('button', 'approve', 'Approve');
      approve.hidden = true;
      approve.addEventListener('click', () => approveRole(roleName, approve));
      head.append(el('h4', null, roleName), el('span', 'role-state badge'), el('span', 'role-counts'), approve);
      const table = el('table', 'hosts');
      const header = el('tr');
      for (const title of ['host', 'phase', 'status', 'attempt', 'runs', 'took', 'failure / note']) {
        header.append(el('th', null, title));
      }
      table.append(el('thead'), el('tbody'));
      table.tHead.append(header);
      section.append(head, table);
      container.append(section);
      // In graph order: by dependency depth, then name.
      const rank = (s) => [(state.depth && state.depth.get(s.dataset.role)) || 0, s.dataset.role];
      const sorted = [...container.children].sort((a, b) => {
        const [da, na] = rank(a), [db, nb] = rank(b);
        return da - db || na.localeCompare(nb);
      });
      container.append(...sorted);
    }
    return section.querySelector('tbody');
  }

  function fillHostRow(row, host) {
    row.dataset.status = host.status;
    row.dataset.phase = host.phase;
    row.className = 'host ' + host.status + (host.waitingFor && host.status === 'RUNNING' ? ' waiting' : '');
    row.dataset.waiting = host.waitingFor && host.status === 'RUNNING' ? host.waitingFor : '';
    const note = host.status === 'SKIPPED'
      ? 'skipped by ' + (host.skippedBy || '?') + (host.skipReason ? ': ' + host.skipReason : '')
      : host.reason
        ? (host.failedPhase ? host.failedPhase.toLowerCase().replace('_', ' ') + ': ' : '') + host.reason
        : host.waitingFor && host.status === 'RUNNING'
          ? 'waiting for ' + host.waitingFor + ' since ' + when(host.waitingSince) + ' (not the host\'s fault)'
          : host.awaitingConfiguration ? 'waiting for the registry to apply the configuration' : '';
    const status = el('span', 'badge ' + host.status, host.status.toLowerCase());
    const conflict = state.conflicts.get(host.hostId);
    row.dataset.conflict = conflict ? conflict.conflictId : '';
    const hostCell = el('td', 'mono', host.hostId);
    const byRule = state.assignedBy && state.assignedBy.get(host.hostId);
    if (byRule) {
      hostCell.append(el('span', 'rule', (byRule.name ? byRule.name + ', ' : '') + 'rule ' + byRule.rule));
    }
    const cells = [
      hostCell,
      el('td', null, host.phase.toLowerCase().replace('_', ' ')),
      el('td'),
      el('td', 'num', host.attempt),
      el('td', 'num', host.deployRunsDone),
      el('td', 'num', host.durationMillis != null ? duration(host.durationMillis) : ''),
      el('td', 'note', note),
    ];
    cells[2].append(status);
    if (conflict) {
      const mark = el('span', 'identity-conflict', 'identity conflict' + (conflict.open > 1 ? ' \u00d7' + conflict.open : ''));
      mark.title = 'A ' + conflict.source + ' claimed another ' + conflict.attributes.join(', ') + ' for this host since '
        + when(conflict.since) + '; nothing changed. Decide at the registry: staypuft hosts show ' + host.hostId;
      cells[0].append(' ', mark);
    }
    row.replaceChildren(...cells);
  }

  // ---- formatting

  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
      + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function duration(millis) {
    const s = Math.round(millis / 100) / 10;
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    return m + ' min ' + Math.round(s - m * 60) + ' s';
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
  }

  // ---- start

  async function start() {
    const params = takeFragment();
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token-input').value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      $('token-input').value = '';
      showMessage('');
      begin(params).catch(failed);
    });
    $('forget').addEventListener('click', () => showLogin(''));
    // A link pasted into this tab while the page is open changes only the fragment: no reload.
    window.addEventListener('hashchange', () => {
      const changed = takeFragment();
      if (sessionStorage.getItem(TOKEN_KEY)) begin(changed).catch(failed);
    });
    $('run-select').addEventListener('change', (event) => selectRun(event.target.value).catch(failed));
    if (!sessionStorage.getItem(TOKEN_KEY)) {
      showLogin('');
      return;
    }
    await begin(params);
  }

  async function begin(params) {
    signedIn(sessionStorage.getItem(TOKEN_KEY));
    await loadDeployments();
    const deployment = params.get('deployment');
    if (deployment && state.deployments.some((d) => d.id === deployment)) {
      await selectDeployment(deployment, params.get('run'));
    } else if (state.deployments.length === 1) {
      await selectDeployment(state.deployments[0].id);
    }
    clearInterval(state.poller);
    state.poller = setInterval(() => {
      loadDeployments().catch(failed);
      if (state.runId) loadConflicts().catch(failed);
    }, DEPLOYMENTS_EVERY_MS);
  }

  start().catch(failed);
})();
