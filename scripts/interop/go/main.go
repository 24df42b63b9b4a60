// Drives a running xena-mock the way a Go program does it, with golang.org/x/oauth2 and github.com/coreos/go-oidc
// as Debian packages them, unmodified: discovery, a service account and an API call, code + PKCE with the library's
// defaults after a Basic-authenticated call to the same token URL, id_token verification (signature, issuer,
// audience, nonce, at_hash, c_hash), userinfo, refresh rotation, hybrid "code id_token", and the failures a client
// must handle (a tampered id_token, an expired access token, a 503 from the token endpoint).
//
// Usage: XENA_ISSUER=http://localhost:PORT go run main.go   (GOPATH mode, see scripts/interop/run)
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	oidc "github.com/coreos/go-oidc"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

var issuer = os.Getenv("XENA_ISSUER")

// noRedirects returns the authorize endpoint's redirect instead of following it to the app's callback.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func main() {
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, issuer)
	check(err, "discovery")
	ok("discovery: issuer %s, token endpoint %s", issuer, provider.Endpoint().TokenURL)

	// A service account, authenticated with HTTP Basic (x/oauth2 remembers that Basic worked for this token URL).
	service := clientcredentials.Config{
		ClientID: "demo-service.xena.biz", ClientSecret: "demo-service-secret", TokenURL: provider.Endpoint().TokenURL,
		Scopes: []string{"testapi"},
	}
	serviceToken, err := service.Token(ctx)
	check(err, "client_credentials")
	status, body := api(serviceToken.AccessToken, "/Api/User/FiscalSetup")
	expect(status == 200 && strings.Contains(body, `"Count"`), "API call with the service token: %d %s", status, body)
	ok("client_credentials and GET /Api/User/FiscalSetup")

	// Code + PKCE as the public native client, with the library's defaults.
	native := oauth2.Config{
		ClientID: "demo-native.xena.biz", Endpoint: provider.Endpoint(), RedirectURL: "http://127.0.0.1:8765/callback",
		Scopes: []string{oidc.ScopeOpenID, "profile", "email", "testapi", oidc.ScopeOfflineAccess},
	}
	verifier := randomString()
	nonce := randomString()
	location := authorize(native.AuthCodeURL("state-1", oidc.Nonce(nonce),
		oauth2.SetAuthURLParam("code_challenge", s256(verifier)), oauth2.SetAuthURLParam("code_challenge_method", "S256")))
	code := location.Query().Get("code")
	expect(code != "" && location.Query().Get("iss") == issuer, "a code and iss in %s", location)
	token, err := native.Exchange(ctx, code, oauth2.SetAuthURLParam("code_verifier", verifier))
	check(err, "code exchange after a Basic-authenticated call")
	ok("code + PKCE with x/oauth2's defaults (sent as %s)", exchangeAuthorization())

	nativeVerifier := provider.Verifier(&oidc.Config{ClientID: native.ClientID})
	rawIDToken, _ := token.Extra("id_token").(string)
	idToken, err := nativeVerifier.Verify(ctx, rawIDToken)
	check(err, "id_token verification")
	expect(idToken.Nonce == nonce, "nonce %q echoed", idToken.Nonce)
	check(idToken.VerifyAccessToken(token.AccessToken), "at_hash")
	ok("id_token: signature, issuer, audience, nonce, at_hash")

	userInfo, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(token))
	check(err, "userinfo")
	expect(userInfo.Subject == idToken.Subject && userInfo.Email != "", "userinfo of %s: %+v", idToken.Subject, userInfo)
	ok("userinfo: %s", userInfo.Email)

	// Refresh rotation: a new refresh token each time; the old one is spent.
	refreshed, err := native.TokenSource(ctx, &oauth2.Token{RefreshToken: token.RefreshToken}).Token()
	check(err, "refresh")
	expect(refreshed.RefreshToken != "" && refreshed.RefreshToken != token.RefreshToken, "a rotated refresh token")
	_, err = native.TokenSource(ctx, &oauth2.Token{RefreshToken: token.RefreshToken}).Token()
	expect(err != nil && strings.Contains(err.Error(), "invalid_grant"), "the spent refresh token is refused: %v", err)
	ok("refresh rotation")

	// Hybrid "code id_token" as the confidential web client: the id_token comes in the fragment with c_hash.
	hybrid := oauth2.Config{
		ClientID: "demo-hybrid.xena.biz", ClientSecret: "demo-hybrid-secret", Endpoint: provider.Endpoint(),
		RedirectURL: "http://localhost:8080/signin-oidc", Scopes: []string{oidc.ScopeOpenID, "testapi"},
	}
	hybridNonce := randomString()
	location = authorize(hybrid.AuthCodeURL("state-2", oidc.Nonce(hybridNonce), oauth2.SetAuthURLParam("response_type", "code id_token")))
	fragment, _ := url.ParseQuery(location.Fragment)
	hybridIDToken, err := provider.Verifier(&oidc.Config{ClientID: hybrid.ClientID}).Verify(ctx, fragment.Get("id_token"))
	check(err, "hybrid id_token")
	var hashes struct {
		CodeHash string `json:"c_hash"`
	}
	check(hybridIDToken.Claims(&hashes), "hybrid claims")
	expect(hybridIDToken.Nonce == hybridNonce && hashes.CodeHash == leftHalfHash(fragment.Get("code")), "nonce and c_hash of the hybrid id_token")
	hybridToken, err := hybrid.Exchange(ctx, fragment.Get("code"))
	check(err, "hybrid code exchange")
	ok("hybrid code id_token: c_hash, then the code exchanged (%s)", hybridToken.TokenType)

	// A tampered id_token fails verification.
	parts := strings.Split(rawIDToken, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"` + issuer + `","sub":"mallory","aud":"demo-native.xena.biz","exp":4102444800}`))
	_, err = nativeVerifier.Verify(ctx, strings.Join(parts, "."))
	expect(err != nil, "a tampered id_token is refused")
	ok("tampered id_token refused: %v", err)

	// A 503 from the token endpoint, injected with a fault, reaches the program as an error.
	control("POST", "/_mock/faults", `{"spec": "token:status=503,once"}`)
	_, err = service.Token(ctx)
	expect(err != nil && strings.Contains(err.Error(), "503"), "the injected 503: %v", err)
	ok("503 from the token endpoint: %v", firstLine(err.Error()))

	// The control API's answers are portable: RFC 3339 times that Go parses.
	checkControlAnswers()

	// Moving the mock's clock expires the access token everywhere: 401 with error="invalid_token".
	control("POST", "/_mock/clock/advance", `{"seconds": 3601}`)
	status, _, challenge := apiWithHeaders(serviceToken.AccessToken, "/Api/User/FiscalSetup")
	expect(status == 401 && strings.Contains(challenge, `error="invalid_token"`), "expired token: %d %s", status, challenge)
	control("POST", "/_mock/clock/reset", "")
	ok("expired access token after moving the clock: %s", challenge)
	fmt.Println("go: all checks passed")
}

// authorize GETs an authorization URL (consent is auto-approved) and returns where it redirects.
func authorize(authURL string) *url.URL {
	response, err := noRedirects.Get(authURL)
	check(err, "authorize")
	response.Body.Close()
	location, err := url.Parse(response.Header.Get("Location"))
	check(err, "authorize redirect")
	expect(response.StatusCode == http.StatusFound, "authorize answered %d", response.StatusCode)
	return location
}

// exchangeAuthorization is how the code exchange authenticated, from the mock's journal: after a Basic call
// x/oauth2 sends a public client as "Basic base64(client_id:)", which IdentityServer4 (and the mock) accept.
func exchangeAuthorization() string {
	var journal struct {
		Requests []struct {
			Authorization string
			Parameters    map[string]string
		}
	}
	json.Unmarshal([]byte(control("GET", "/_mock/requests?endpoint=token", "")), &journal)
	for _, entry := range journal.Requests {
		if entry.Parameters["grant_type"] == "authorization_code" {
			if entry.Authorization == "" {
				return "client_id in the body"
			}
			return entry.Authorization
		}
	}
	return "unknown"
}

func checkControlAnswers() {
	var clock struct{ Now string }
	json.Unmarshal([]byte(control("GET", "/_mock/clock", "")), &clock)
	_, err := time.Parse(time.RFC3339Nano, clock.Now)
	check(err, "clock time")
	var journal struct {
		Requests []struct {
			Time     string
			Endpoint string
		}
	}
	json.Unmarshal([]byte(control("GET", "/_mock/requests?endpoint=token", "")), &journal)
	expect(len(journal.Requests) > 0, "the journal lists token requests")
	for _, entry := range journal.Requests {
		_, err := time.Parse(time.RFC3339Nano, entry.Time)
		check(err, "journal time "+entry.Time)
	}
	var faults struct{ Faults []map[string]interface{} }
	check(json.Unmarshal([]byte(control("GET", "/_mock/faults", "")), &faults), "faults")
	var users []struct{ Username string }
	check(json.Unmarshal([]byte(control("GET", "/_mock/users", "")), &users), "users")
	var clients []struct {
		ClientID string `json:"client_id"`
	}
	check(json.Unmarshal([]byte(control("GET", "/_mock/clients", "")), &clients), "clients")
	expect(len(users) > 0 && len(clients) > 0, "users and clients listed")
	ok("control answers decode: clock %s, %d journal entries, %d users, %d clients", clock.Now, len(journal.Requests), len(users), len(clients))
}

func api(accessToken, path string) (int, string) {
	status, body, _ := apiWithHeaders(accessToken, path)
	return status, body
}

func apiWithHeaders(accessToken, path string) (int, string, string) {
	request, _ := http.NewRequest("GET", issuer+path, nil)
	request.Header.Set("Authorization", "Bearer "+accessToken)
	response, err := http.DefaultClient.Do(request)
	check(err, "GET "+path)
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	return response.StatusCode, string(body), response.Header.Get("WWW-Authenticate")
}

func control(method, path, body string) string {
	request, _ := http.NewRequest(method, issuer+path, strings.NewReader(body))
	response, err := http.DefaultClient.Do(request)
	check(err, method+" "+path)
	defer response.Body.Close()
	answer, _ := io.ReadAll(response.Body)
	expect(response.StatusCode < 300, "%s %s answered %d: %s", method, path, response.StatusCode, answer)
	return string(answer)
}

func randomString() string {
	bytes := make([]byte, 32)
	rand.Read(bytes)
	return base64.RawURLEncoding.EncodeToString(bytes)
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// leftHalfHash is OIDC Core's c_hash and at_hash: the left half of SHA-256, base64url.
func leftHalfHash(value string) string {
	sum := sha256.Sum256([]byte(value))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

func firstLine(text string) string { return strings.SplitN(text, "\n", 2)[0] }

func ok(format string, arguments ...interface{}) { fmt.Printf("go: ok  "+format+"\n", arguments...) }

func check(err error, what string) {
	if err != nil {
		fmt.Printf("go: FAIL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func expect(condition bool, format string, arguments ...interface{}) {
	if !condition {
		fmt.Printf("go: FAIL "+format+"\n", arguments...)
		os.Exit(1)
	}
}
