# Drives a running xena-mock the way a Ruby app does it, with the openid_connect gem (and rack-oauth2 under it) as
# Debian packages them, unmodified: discovery, a service account and an API call, code + PKCE with the gem's default
# client authentication (HTTP Basic, which for a public client means an empty secret), id_token verification
# (signature, issuer, audience, nonce, at_hash, c_hash), userinfo, refresh rotation, hybrid "code id_token", and the
# failures a client must handle (a tampered id_token, an expired access token, a 503 from the token endpoint).
#
# Usage: XENA_ISSUER=http://localhost:PORT ruby check_clients.rb   (see scripts/interop/run)
require 'base64'
require 'digest'
require 'json'
require 'net/http'
require 'openid_connect'
require 'securerandom'
require 'time'

ISSUER = ENV.fetch('XENA_ISSUER')
# The mock speaks plain http on loopback; the gem builds discovery URLs with https unless told otherwise.
SWD.url_builder = URI::HTTP

def ok(message) = puts("ruby: ok  #{message}")

def expect(condition, message)
  return if condition
  puts "ruby: FAIL #{message}"
  exit 1
end

def http(method, path, body: nil, headers: {})
  uri = URI(ISSUER + path)
  request = Net::HTTP.const_get(method.capitalize).new(uri, headers)
  request.body = body if body
  Net::HTTP.start(uri.host, uri.port) { |connection| connection.request(request) }
end

def control(method, path, body = nil)
  response = http(method, path, body: body)
  expect(response.code.to_i < 300, "#{method} #{path} answered #{response.code}: #{response.body}")
  response.body
end

# The redirect the authorize endpoint answers with (consent is auto-approved).
def authorize(url)
  response = Net::HTTP.get_response(URI(url))
  expect(response.code == '302', "authorize answered #{response.code}: #{response.body}")
  URI(response['Location'])
end

def left_half_hash(value) = Base64.urlsafe_encode64(Digest::SHA256.digest(value)[0, 16], padding: false)

discovery = OpenIDConnect::Discovery::Provider::Config.discover!(ISSUER)
jwks = discovery.jwks
ok "discovery: issuer #{discovery.issuer}, #{jwks.count} signing key(s)"

def client_for(discovery, identifier, secret: nil, redirect_uri: nil)
  OpenIDConnect::Client.new(
    identifier: identifier, secret: secret, redirect_uri: redirect_uri,
    authorization_endpoint: discovery.authorization_endpoint, token_endpoint: discovery.token_endpoint,
    userinfo_endpoint: discovery.userinfo_endpoint
  )
end

# A service account with HTTP Basic, then an API call with its token.
service = client_for(discovery, 'demo-service.xena.biz', secret: 'demo-service-secret')
service_token = service.access_token!(scope: 'testapi')
api = http('Get', '/Api/User/FiscalSetup', headers: { 'Authorization' => "Bearer #{service_token.access_token}" })
expect(api.code == '200' && JSON.parse(api.body)['Count'].to_i >= 1, "API call: #{api.code} #{api.body}")
ok 'client_credentials and GET /Api/User/FiscalSetup'

# Code + PKCE as the public native client, with the gem's default client authentication.
native = client_for(discovery, 'demo-native.xena.biz', redirect_uri: 'http://127.0.0.1:8765/callback')
verifier = SecureRandom.urlsafe_base64(32)
nonce = SecureRandom.hex(16)
location = authorize(native.authorization_uri(
  scope: %w[openid profile email testapi offline_access], state: 'state-1', nonce: nonce,
  code_challenge: Base64.urlsafe_encode64(Digest::SHA256.digest(verifier), padding: false), code_challenge_method: 'S256'
))
query = URI.decode_www_form(location.query).to_h
expect(query['code'] && query['iss'] == ISSUER, "a code and iss in #{location}")
native.authorization_code = query['code']
token = native.access_token!(code_verifier: verifier)
ok 'code + PKCE with the default client authentication (HTTP Basic with an empty secret)'

id_token = OpenIDConnect::ResponseObject::IdToken.decode(token.id_token, jwks)
id_token.verify!(issuer: ISSUER, client_id: native.identifier, nonce: nonce)
expect(id_token.at_hash == left_half_hash(token.access_token), 'at_hash of the access token')
ok 'id_token: signature, issuer, audience, nonce, at_hash'

user_info = token.userinfo!
expect(user_info.sub == id_token.sub && user_info.email.to_s != '', "userinfo: #{user_info.raw_attributes}")
ok "userinfo: #{user_info.email}"

# Refresh rotation.
native.refresh_token = token.refresh_token
refreshed = native.access_token!
expect(refreshed.refresh_token && refreshed.refresh_token != token.refresh_token, 'a rotated refresh token')
native.refresh_token = token.refresh_token
begin
  native.access_token!
  expect(false, 'the spent refresh token was accepted')
rescue Rack::OAuth2::Client::Error => e
  expect(e.response[:error] == 'invalid_grant', "the spent refresh token: #{e.message}")
end
ok 'refresh rotation'

# Hybrid "code id_token" as the confidential web client: the id_token arrives in the fragment with c_hash.
hybrid = client_for(discovery, 'demo-hybrid.xena.biz', secret: 'demo-hybrid-secret', redirect_uri: 'http://localhost:8080/signin-oidc')
hybrid_nonce = SecureRandom.hex(16)
fragment = URI.decode_www_form(authorize(hybrid.authorization_uri(
  response_type: 'code id_token', scope: %w[openid testapi], state: 'state-2', nonce: hybrid_nonce
)).fragment).to_h
hybrid_id_token = OpenIDConnect::ResponseObject::IdToken.decode(fragment['id_token'], jwks)
hybrid_id_token.verify!(issuer: ISSUER, client_id: hybrid.identifier, nonce: hybrid_nonce)
expect(hybrid_id_token.c_hash == left_half_hash(fragment['code']), 'c_hash of the code')
hybrid.authorization_code = fragment['code']
hybrid.access_token!
ok 'hybrid code id_token: c_hash, then the code exchanged'

# A tampered id_token fails verification.
header, _claims, signature = token.id_token.split('.')
forged = Base64.urlsafe_encode64({ iss: ISSUER, sub: 'mallory', aud: native.identifier, exp: 4_102_444_800 }.to_json, padding: false)
begin
  OpenIDConnect::ResponseObject::IdToken.decode([header, forged, signature].join('.'), jwks)
  expect(false, 'a tampered id_token was accepted')
rescue JSON::JWS::VerificationFailed => e
  ok "tampered id_token refused: #{e.class}"
end

# A 503 from the token endpoint, injected with a fault.
control('Post', '/_mock/faults', '{"spec": "token:status=503,once"}')
begin
  service.access_token!(scope: 'testapi')
  expect(false, 'the injected 503 was not reported')
rescue Rack::OAuth2::Client::Error => e
  expect(e.status == 503 && e.response[:error] == 'temporarily_unavailable', "the injected 503: #{e.status} #{e.message}")
  ok "503 from the token endpoint: #{e.response[:error]}"
end

# The control API's answers are portable: RFC 3339 times Ruby parses.
clock = JSON.parse(control('Get', '/_mock/clock'))
Time.iso8601(clock['now'])
journal = JSON.parse(control('Get', '/_mock/requests?endpoint=token'))
journal['requests'].each { |entry| Time.iso8601(entry['time']) }
users = JSON.parse(control('Get', '/_mock/users'))
clients = JSON.parse(control('Get', '/_mock/clients'))
faults = JSON.parse(control('Get', '/_mock/faults'))
expect(!journal['requests'].empty? && !users.empty? && !clients.empty? && faults.key?('faults'), 'control answers')
ok "control answers decode: clock #{clock['now']}, #{journal['requests'].size} journal entries, #{users.size} users, #{clients.size} clients"

# Moving the mock's clock expires the access token: 401 with error="invalid_token".
control('Post', '/_mock/clock/advance', '{"seconds": 3601}')
expired = http('Get', '/Api/User/FiscalSetup', headers: { 'Authorization' => "Bearer #{service_token.access_token}" })
control('Post', '/_mock/clock/reset')
expect(expired.code == '401' && expired['WWW-Authenticate'].include?('error="invalid_token"'), "expired token: #{expired.code}")
ok "expired access token after moving the clock: #{expired['WWW-Authenticate']}"
puts 'ruby: all checks passed'
