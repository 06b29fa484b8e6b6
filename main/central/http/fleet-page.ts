import { describeAttention, fleetOrder, type FleetAttention, type FleetDevice } from '../fleet';

/*
 * The fleet screen (issue 12): every device with its centre, role, versions, last contact, backlog,
 * clock skew, printer and paper, devices needing a technician first, filterable by centre, role,
 * "needs a technician" and a search. Rendered on the server as plain HTML (no script): it is served
 * on the central's loopback-only admin port, for a technician on the machine or through a tunnel.
 */

export interface FleetFilter {
  centre: string | null;
  role: string | null;
  needsOnly: boolean;
  search: string;
}

export function fleetFilter(query: URLSearchParams): FleetFilter {
  return {
    centre: query.get('centre') || null,
    role: query.get('role') || null,
    needsOnly: query.get('needs') === '1',
    search: (query.get('q') ?? '').trim().toLowerCase(),
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function ago(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 2) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function printerText(device: FleetDevice): string {
  const printer = device.printer;
  if (!printer) return 'not reported';
  const paper = { ok: 'paper ok', 'near-end': 'paper near end', out: 'paper out', unknown: 'paper unknown' }[
    printer.paper
  ];
  return `${printer.connection}, ${paper}${printer.coverOpen ? ', cover open' : ''}`;
}

function skewText(seconds: number | null): string {
  if (seconds === null) return '—';
  if (Math.abs(seconds) < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.abs(minutes)} min ${minutes > 0 ? 'ahead' : 'behind'}`;
}

const severity = (needs: FleetAttention[]) =>
  needs.length === 0 ? 'ok' : needs[0]!.kind === 'revoked' ? 'revoked' : 'needs';

export function renderFleetPage(devices: FleetDevice[], filter: FleetFilter, now: Date): string {
  const centres = [...new Set(devices.map((device) => device.centreId))].sort();
  const ordered = fleetOrder(devices, now).filter(
    ({ device, needs }) =>
      (filter.centre === null || device.centreId === filter.centre) &&
      (filter.role === null || device.role === filter.role) &&
      (!filter.needsOnly || (needs.length > 0 && needs[0]!.kind !== 'revoked')) &&
      (filter.search === '' || `${device.deviceId} ${device.centreId}`.toLowerCase().includes(filter.search)),
  );
  const needing = fleetOrder(devices, now).filter(({ needs }) => needs.length > 0 && needs[0]!.kind !== 'revoked');
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${escape(value)}"${selected ? ' selected' : ''}>${escape(label)}</option>`;
  const rows = ordered
    .map(
      ({ device, needs }) => `<tr class="${severity(needs)}" data-device="${escape(device.deviceId)}">
  <td><strong>${escape(device.deviceId)}</strong><br><span class="dim">${escape(device.role)}</span></td>
  <td>${escape(device.centreId)}</td>
  <td class="needs">${needs.length === 0 ? 'ok' : needs.map((need) => escape(describeAttention(need))).join('<br>')}</td>
  <td>${escape(ago(device.lastContactAt, now))}</td>
  <td>${escape(printerText(device))}<br><span class="dim">${device.ticketsOnRoll === null ? 'roll not counted' : `${device.ticketsOnRoll} tickets on this roll`}</span></td>
  <td>${device.backlog ?? '—'}</td>
  <td>${escape(skewText(device.clockSkewSeconds))}</td>
  <td>${escape(device.appVersion ?? '—')}<br><span class="dim">catalog ${escape(device.catalogVersion ?? '—')}<br>settings ${escape(device.settingsVersion ?? '—')}</span></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fleet · Kiosk central</title>
<style>
  :root { font-family: 'Noto Sans', system-ui, sans-serif; color: #1b2430; background: #f4f6f8; }
  body { margin: 0; padding: 32px 40px; }
  h1 { font-size: 40px; margin: 0 0 8px; }
  p.summary { font-size: 22px; margin: 0 0 24px; }
  form { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; margin-bottom: 24px; font-size: 20px; }
  label { display: flex; flex-direction: column; gap: 4px; }
  select, input, button { font-size: 20px; padding: 8px 12px; border: 2px solid #8a96a3; border-radius: 8px; background: #fff; }
  button { background: #1d5fa8; color: #fff; border-color: #1d5fa8; }
  .check { flex-direction: row; align-items: center; gap: 10px; min-height: 48px; }
  .check input { width: 28px; height: 28px; }
  table { width: 100%; border-collapse: collapse; background: #fff; font-size: 20px; }
  th, td { text-align: left; padding: 12px 14px; border-bottom: 1px solid #d5dbe1; vertical-align: top; overflow-wrap: break-word; }
  th { background: #e6ebf0; font-size: 18px; white-space: nowrap; }
  tr.needs td:first-child { border-left: 8px solid #c0392b; }
  tr.needs .needs { color: #a02d22; font-weight: 600; }
  tr.ok td:first-child { border-left: 8px solid #2e8b57; }
  tr.revoked { color: #6b7580; }
  tr.revoked td:first-child { border-left: 8px solid #9aa3ad; }
  .dim { color: #5b6672; font-size: 17px; }
</style>
</head>
<body>
<h1>Fleet</h1>
<p class="summary">${devices.length} devices enrolled, <strong>${needing.length} need a technician</strong>. Listed most pressing first.</p>
<form method="get" action="/fleet">
  <label>Centre<select name="centre">${option('', 'All centres', filter.centre === null)}${centres
    .map((centre) => option(centre, centre, filter.centre === centre))
    .join('')}</select></label>
  <label>Role<select name="role">${option('', 'All roles', filter.role === null)}${['bus', 'hall-server', 'hall-kiosk']
    .map((role) => option(role, role, filter.role === role))
    .join('')}</select></label>
  <label>Search<input name="q" value="${escape(filter.search)}" placeholder="device or centre"></label>
  <label class="check"><input type="checkbox" name="needs" value="1"${filter.needsOnly ? ' checked' : ''}> Needs a technician</label>
  <button type="submit">Show</button>
</form>
<table>
<thead><tr><th>Device</th><th>Centre</th><th>Needs</th><th>Last contact</th><th>Printer</th><th>Backlog</th><th>Clock</th><th>Versions</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="8">No device matches.</td></tr>'}
</tbody>
</table>
</body>
</html>
`;
}
