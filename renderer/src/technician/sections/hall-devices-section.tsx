import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HALL_DEVICE_ROLES, type CallOutput, type HallDevice, type HallDeviceRole } from '../../../../main/contract';
import { enrolAddress } from '../../enrol/enrol-code';
import { QrCode } from '../../screens/qr-code';
import { Field, SelectField, TextField } from '../fields';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';
import { formatWhen } from '../when';

/** The list is read again this often while open: last contacts move, a device may enrol meanwhile. */
const REFRESH_MS = 10_000;
/** Where this screen keeps the server's address on the hall network, once the technician typed it. */
const ADDRESS_KEY = 'kiosk.hallAddress';

type NewCode = CallOutput<'hallNewEnrolCode'>;

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || hostname.startsWith('127.');

/**
 * The address devices reach this server at: the one this screen was opened at, unless that is the
 * server itself (127.0.0.1 on the rack PC's own screen), where the technician types it once.
 */
function initialAddress(): string {
  const kept = window.localStorage.getItem(ADDRESS_KEY);
  if (kept) return kept;
  return isLoopback(window.location.hostname) ? '' : window.location.origin;
}

/**
 * The hall server's devices (issue 11): a one-time code for a new device, shown large with a QR code
 * a tablet's camera opens; every enrolled device with its last contact; revoking one. The server
 * keeps only hashes: the code is shown here once and works once, for 15 minutes.
 */
export function HallDevicesSection() {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [devices, setDevices] = useState<HallDevice[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [code, setCode] = useState<NewCode | null>(null);

  const failed = useCallback(
    (error: unknown) => {
      if (sessionEnded(error)) close();
      else setProblem(refusalProblems(error).join(' '));
    },
    [close],
  );
  const read = useCallback(
    () => api.hallListDevices({ token }).then((list) => setDevices(list), failed),
    [api, token, failed],
  );
  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [read]);

  return (
    <>
      <NewCodeForm
        onCode={(made) => {
          setProblem(null);
          setCode(made);
        }}
        onFailure={failed}
      />
      {code && <CodeCard code={code} />}
      {problem && (
        <p className="technician-message" role="alert" data-testid="hall-devices-problem">
          {problem}
        </p>
      )}
      <DeviceList
        devices={devices}
        onRevoke={(deviceId) => api.hallRevokeDevice({ token, deviceId }).then(() => read(), failed)}
      />
      <p className="technician-hint">{t('hallDevices.cli')}</p>
    </>
  );
}

function NewCodeForm({ onCode, onFailure }: { onCode(code: NewCode): void; onFailure(error: unknown): void }) {
  const { t } = useTranslation('technician');
  const { api, token } = useTechnician();
  const [role, setRole] = useState<HallDeviceRole>('console');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const named = name.trim();
    api
      .hallNewEnrolCode({ token, role, ...(named && { name: named }) })
      .then(onCode, onFailure)
      .finally(() => setBusy(false));
  };
  return (
    <form className="technician-group" onSubmit={submit} data-testid="hall-devices-new">
      <h3>{t('hallDevices.enrolHeading')}</h3>
      <SelectField<HallDeviceRole>
        label={t('hallDevices.role')}
        value={role}
        options={HALL_DEVICE_ROLES.map((value) => ({ value, label: t(`hallDevices.roles.${value}`) }))}
        onChange={setRole}
        testId="hall-devices-role"
      />
      <TextField label={t('hallDevices.name')} value={name} onChange={setName} testId="hall-devices-name" />
      <button
        type="submit"
        className="technician-button technician-button--primary"
        disabled={busy}
        data-testid="hall-devices-make-code"
      >
        {t('hallDevices.makeCode')}
      </button>
    </form>
  );
}

/** The code as the technician reads it out, and how the device takes it: typed, scanned or by command. */
function CodeCard({ code }: { code: NewCode }) {
  const { t, i18n } = useTranslation('technician');
  const [address, setAddress] = useState(initialAddress);
  const keepAddress = (typed: string) => {
    setAddress(typed);
    window.localStorage.setItem(ADDRESS_KEY, typed.trim());
  };
  const validAddress = /^https?:\/\/[^/\s]+/.test(address.trim()) ? address.trim().replace(/\/+$/, '') : null;
  const page = validAddress ? enrolAddress(validAddress, code.role, code.code) : null;
  // 15 minutes ahead: the time of day says it.
  const until = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(code.expiresAt));
  return (
    <section className="technician-code-card" data-testid="hall-devices-code" data-code={code.code} aria-live="polite">
      <p>
        {t('hallDevices.codeFor', {
          role: t(`hallDevices.roles.${code.role}`),
          name: code.name ?? t('hallDevices.nameItself'),
        })}
      </p>
      <output className="technician-code" data-testid="hall-devices-code-digits">
        {code.code}
      </output>
      <p>{t('hallDevices.typeIt', { until })}</p>
      {code.role !== 'queue-system' && (
        <Field label={t('hallDevices.address')}>
          <input
            className="technician-input"
            value={address}
            placeholder="http://192.168.1.10:8787"
            inputMode="url"
            data-testid="hall-devices-address"
            onChange={(event) => keepAddress(event.target.value)}
          />
        </Field>
      )}
      {page && (
        <div className="technician-code-scan">
          <QrCode data={page} label={t('hallDevices.scan')} testId="hall-devices-qr" />
          <p>
            {t('hallDevices.scan')}
            <br />
            <code data-testid="hall-devices-page">{page}</code>
          </p>
        </div>
      )}
      {code.role === 'kiosk' && (
        <p>
          {t('hallDevices.kioskCommand')}
          <br />
          <code data-testid="hall-devices-command">
            {`npm run enrol -- --hall ${validAddress ?? '<address>'} --code ${code.code}`}
            {validAddress?.startsWith('https:') ? ' --fingerprint <SHA-256>' : ''}
          </code>
        </p>
      )}
      {code.role === 'queue-system' && <p>{t('hallDevices.queueSystem')}</p>}
    </section>
  );
}

function DeviceList({
  devices,
  onRevoke,
}: {
  devices: HallDevice[] | null;
  onRevoke(deviceId: string): Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('technician');
  const [confirming, setConfirming] = useState<string | null>(null);
  if (devices === null) return <p>{t('loading')}</p>;
  return (
    <section data-testid="hall-devices-list">
      <h3>{t('hallDevices.listHeading', { count: devices.filter((device) => !device.revokedAt).length })}</h3>
      {devices.length === 0 ? (
        <p>{t('hallDevices.none')}</p>
      ) : (
        <table className="technician-table technician-devices">
          <thead>
            <tr>
              <th scope="col">{t('hallDevices.device')}</th>
              <th scope="col">{t('hallDevices.role')}</th>
              <th scope="col">{t('hallDevices.lastContact')}</th>
              <th scope="col">{t('hallDevices.state')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr
                key={device.deviceId}
                data-testid="hall-device"
                data-device-id={device.deviceId}
                data-revoked={device.revokedAt !== null}
              >
                <td>
                  {device.name}
                  <br />
                  <small>{device.deviceId}</small>
                </td>
                <td>{t(`hallDevices.roles.${device.role}`)}</td>
                <td data-testid="hall-device-contact">
                  {device.lastContactAt ? formatWhen(device.lastContactAt, i18n.language) : t('hallDevices.never')}
                </td>
                <td>
                  {device.revokedAt ? (
                    t('hallDevices.revokedAt', { at: formatWhen(device.revokedAt, i18n.language) })
                  ) : confirming === device.deviceId ? (
                    <span className="technician-confirm" role="group" aria-label={t('hallDevices.revoke')}>
                      {t('hallDevices.confirm', { name: device.name })}
                      <button
                        type="button"
                        className="technician-button technician-button--danger"
                        data-testid="hall-device-revoke-yes"
                        onClick={() => void onRevoke(device.deviceId).finally(() => setConfirming(null))}
                      >
                        {t('hallDevices.revokeYes')}
                      </button>
                      <button type="button" className="technician-button" onClick={() => setConfirming(null)}>
                        {t('hallDevices.revokeNo')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="technician-button"
                      data-testid="hall-device-revoke"
                      onClick={() => setConfirming(device.deviceId)}
                    >
                      {t('hallDevices.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
