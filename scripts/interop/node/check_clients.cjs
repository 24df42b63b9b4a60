// Drives a running xena-mock the way a Node app does it: the built-in fetch for the OAuth flows (Debian has no OAuth
// client package for Node) and `jose` (Debian's node-jose) for the tokens, unmodified: discovery, a service account
// and an API call, code + PKCE, id_token verification against JWKS (signature, issuer, audience, nonce, at_hash,
// c_hash), userinfo, refresh rotation, hybrid "code id_token", and the failures a client must handle (a tampered
// id_token, an expired access token, a 503 from the token endpoint).
//
// Usage: XENA_ISSUER=http://localhost:PORT NODE_PATH=/usr/share/nodejs node check_clients.cjs   (see scripts/interop/run)
'use strict';
const crypto = require('node:crypto');
const jose = require('jose');

const issuer = process.env.XENA_ISSUER;
const basic = (id, secret) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
const base64url = (bytes) => Buffer.from(bytes).toString('base64url');
const leftHalfHash = (value) => base64url(crypto.createHash('sha256').update(value).digest().subarray(0, 16));

function ok(message) {
  console.log(`node: ok  ${message}`);
}

function expect(condition, message) {
  if (!condition) {
    console.log(`node: FAIL ${message}`);
    process.exit(1);
  }
}

async function tokenRequest(discovery, parameters, headers = {}) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(parameters),
  });
  return { status: response.status, body: await response.json() };
}

// The redirect the authorize endpoint answers with (consent is auto-approved).
async function authorize(discovery, parameters) {
  const response = await fetch(`${discovery.authorization_endpoint}?${new URLSearchParams(parameters)}`, { redirect: 'manual' });
  expect(response.status === 302, `authorize answered ${response.status}`);
  return new URL(response.headers.get('location'));
}

async function control(method, path, body) {
  const response = await fetch(issuer + path, { method, body });
  const text = await response.text();
  expect(response.status < 300, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

async function main() {
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  expect(discovery.issuer === issuer, `discovery issuer ${discovery.issuer}`);
  const jwks = jose.createRemoteJWKSet(new URL(discovery.jwks_uri));
  ok(`discovery: issuer ${discovery.issuer}`);

  // A service account, then an API call with its token.
  const service = await tokenRequest(discovery, { grant_type: 'client_credentials', scope: 'testapi' }, {
    Authorization: basic('demo-service.xena.biz', 'demo-service-secret'),
  });
  expect(service.status === 200, `client_credentials: ${JSON.stringify(service.body)}`);
  const api = await fetch(`${issuer}/Api/User/FiscalSetup`, { headers: { Authorization: `Bearer ${service.body.access_token}` } });
  expect(api.status === 200 && (await api.json()).Count >= 1, `API call: ${api.status}`);
  ok('client_credentials and GET /Api/User/FiscalSetup');

  // Code + PKCE as the public native client.
  const verifier = base64url(crypto.randomBytes(32));
  const nonce = base64url(crypto.randomBytes(16));
  const redirect = await authorize(discovery, {
    client_id: 'demo-native.xena.biz', redirect_uri: 'http://127.0.0.1:8765/callback', response_type: 'code',
    scope: 'openid profile email testapi offline_access', state: 'state-1', nonce,
    code_challenge: base64url(crypto.createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  });
  expect(redirect.searchParams.get('iss') === issuer && redirect.searchParams.get('state') === 'state-1', `iss and state in ${redirect}`);
  const tokens = await tokenRequest(discovery, {
    grant_type: 'authorization_code', code: redirect.searchParams.get('code'), redirect_uri: 'http://127.0.0.1:8765/callback',
    client_id: 'demo-native.xena.biz', code_verifier: verifier,
  });
  expect(tokens.status === 200, `code exchange: ${JSON.stringify(tokens.body)}`);
  ok('code + PKCE');

  const { payload: idToken } = await jose.jwtVerify(tokens.body.id_token, jwks, { issuer, audience: 'demo-native.xena.biz' });
  expect(idToken.nonce === nonce && idToken.at_hash === leftHalfHash(tokens.body.access_token), 'nonce and at_hash of the id_token');
  ok('id_token: signature, issuer, audience, nonce, at_hash');

  const userInfo = await (await fetch(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${tokens.body.access_token}` } })).json();
  expect(userInfo.sub === idToken.sub && userInfo.email, `userinfo: ${JSON.stringify(userInfo)}`);
  ok(`userinfo: ${userInfo.email}`);

  // Refresh rotation.
  const refresh = { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: 'demo-native.xena.biz' };
  const refreshed = await tokenRequest(discovery, refresh);
  expect(refreshed.status === 200 && refreshed.body.refresh_token !== tokens.body.refresh_token, 'a rotated refresh token');
  const spent = await tokenRequest(discovery, refresh);
  expect(spent.status === 400 && spent.body.error === 'invalid_grant', `the spent refresh token: ${JSON.stringify(spent.body)}`);
  ok('refresh rotation');

  // Hybrid "code id_token" as the confidential web client.
  const hybridNonce = base64url(crypto.randomBytes(16));
  const hybridRedirect = await authorize(discovery, {
    client_id: 'demo-hybrid.xena.biz', redirect_uri: 'http://localhost:8080/signin-oidc', response_type: 'code id_token',
    scope: 'openid testapi', state: 'state-2', nonce: hybridNonce,
  });
  const fragment = new URLSearchParams(hybridRedirect.hash.slice(1));
  const { payload: hybridIDToken } = await jose.jwtVerify(fragment.get('id_token'), jwks, { issuer, audience: 'demo-hybrid.xena.biz' });
  expect(hybridIDToken.nonce === hybridNonce && hybridIDToken.c_hash === leftHalfHash(fragment.get('code')), 'nonce and c_hash');
  const hybridTokens = await tokenRequest(discovery, {
    grant_type: 'authorization_code', code: fragment.get('code'), redirect_uri: 'http://localhost:8080/signin-oidc',
  }, { Authorization: basic('demo-hybrid.xena.biz', 'demo-hybrid-secret') });
  expect(hybridTokens.status === 200, `hybrid code exchange: ${JSON.stringify(hybridTokens.body)}`);
  ok('hybrid code id_token: c_hash, then the code exchanged');

  // A tampered id_token fails verification.
  const [header, , signature] = tokens.body.id_token.split('.');
  const forged = base64url(JSON.stringify({ iss: issuer, sub: 'mallory', aud: 'demo-native.xena.biz', exp: 4102444800 }));
  const tampered = await jose.jwtVerify(`${header}.${forged}.${signature}`, jwks, { issuer }).then(() => null, (error) => error);
  expect(tampered instanceof jose.errors.JWSSignatureVerificationFailed, `a tampered id_token: ${tampered}`);
  ok(`tampered id_token refused: ${tampered.code}`);

  // A 503 from the token endpoint, injected with a fault.
  await control('POST', '/_mock/faults', JSON.stringify({ spec: 'token:status=503,once' }));
  const unavailable = await tokenRequest(discovery, { grant_type: 'client_credentials' }, {
    Authorization: basic('demo-service.xena.biz', 'demo-service-secret'),
  });
  expect(unavailable.status === 503 && unavailable.body.error === 'temporarily_unavailable', `the injected 503: ${unavailable.status}`);
  ok('503 from the token endpoint: temporarily_unavailable');

  // The control API's answers are portable: RFC 3339 times that Date parses.
  const clock = await control('GET', '/_mock/clock');
  const journal = await control('GET', '/_mock/requests?endpoint=token');
  const users = await control('GET', '/_mock/users');
  const clients = await control('GET', '/_mock/clients');
  const faults = await control('GET', '/_mock/faults');
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  for (const time of [clock.now, ...journal.requests.map((entry) => entry.time)]) {
    expect(rfc3339.test(time) && !Number.isNaN(Date.parse(time)), `an RFC 3339 time: ${time}`);
  }
  expect(users.length > 0 && clients.length > 0 && Array.isArray(faults.faults), 'users, clients and faults');
  ok(`control answers decode: clock ${clock.now}, ${journal.requests.length} journal entries, ${users.length} users, ${clients.length} clients`);

  // Moving the mock's clock expires the access token: 401 with error="invalid_token".
  await control('POST', '/_mock/clock/advance', JSON.stringify({ seconds: 3601 }));
  const expired = await fetch(`${issuer}/Api/User/FiscalSetup`, { headers: { Authorization: `Bearer ${service.body.access_token}` } });
  await control('POST', '/_mock/clock/reset');
  const challenge = expired.headers.get('www-authenticate') || '';
  expect(expired.status === 401 && challenge.includes('error="invalid_token"'), `expired token: ${expired.status} ${challenge}`);
  ok(`expired access token after moving the clock: ${challenge}`);
  console.log('node: all checks passed');
}

main().catch((error) => {
  console.log(`node: FAIL ${error.stack || error}`);
  process.exit(1);
});
