/**
 * One call of the kiosk's local API over HTTP, as a queue system, a desk tablet or a test makes it
 * (`POST /api/call/<name>`), with a bearer token when given (an API open to the LAN, a hall server's
 * enrolled device). A refusal throws with the call's name, the error code and message.
 */
export async function callApi<T>(baseUrl: string, name: string, input: object = {}, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new Error(`${name} refused: ${body.error.code} ${body.error.message}`);
  return body.value;
}
