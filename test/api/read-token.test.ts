// `--read-token-required`: read routes, /metrics and the WebSocket aircraft stream want a token;
// /health stays open for probes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenAuthenticator } from '../../src/api/tokens.ts';
import { connectWs, startTestService, wsUrl, type TestService } from '../app/service-harness.ts';

let service: TestService;
beforeAll(async () => {
  service = await startTestService([], { readTokenRequired: true, authenticator: new TokenAuthenticator({ tokens: 'reader:reader-token-1', file: null }) });
});
afterAll(async () => {
  await service?.stop();
});

it('refuses reads without a valid token and serves them with one', async () => {
  for (const path of ['/api/aircraft', '/api/aircraft/3C6444', '/api/aircraft/3C6444/track', '/api/events', '/data/aircraft.json', '/metrics']) {
    expect((await fetch(service.url + path)).status, path).toBe(401);
    expect((await fetch(`${service.url}${path}${path.includes('?') ? '&' : '?'}token=wrong-token-0`)).status, path).toBe(401);
  }
  expect((await fetch(`${service.url}/api/aircraft`, { headers: { authorization: 'Bearer reader-token-1' } })).status).toBe(200);
  expect((await fetch(`${service.url}/data/aircraft.json?token=reader-token-1`)).status).toBe(200);
  expect((await fetch(`${service.url}/api/aircraft/3C6444?token=reader-token-1`)).status).toBe(404);
  expect((await fetch(`${service.url}/health`)).status).toBe(200);
  // A bad query from someone without a token learns nothing about the parameters.
  expect((await fetch(`${service.url}/api/events?limit=abc`)).status).toBe(401);
});

it('wants a token before the aircraft stream', async () => {
  await expect(connectWs(wsUrl(service, '?token=wrong-token-0'))).rejects.toThrow(/401/);
  const anon = await connectWs(wsUrl(service));
  anon.send({ type: 'subscribe', channel: 'aircraft' });
  await anon.next((m) => m.type === 'error' && m.field === 'channel');
  anon.send({ type: 'auth', token: 'reader-token-1' });
  await anon.next((m) => m.type === 'authenticated' && m.user === 'reader');
  anon.send({ type: 'subscribe', channel: 'aircraft' });
  await anon.next((m) => m.type === 'subscribed');
  anon.ws.close();
});
