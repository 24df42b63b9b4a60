#!/usr/bin/env python3
"""xena-mock's benchmark: start time, token and login throughput, API speed beside /healthz, and memory.

Run through scripts/bench, which builds the release binary and installs wrk. Everything runs on 127.0.0.1 with
bounded durations; every server this starts is stopped. Each figure is the median of repeated runs.

Usage: bench.py SERVER-BINARY RSA-SIGN-BINARY [--quick]
"""
import base64
import hashlib
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
QUICK = "--quick" in sys.argv
DURATION = 5 if QUICK else 10          # seconds per throughput run
RUNS = 1 if QUICK else 3               # throughput runs per figure (median)
STARTS = 3 if QUICK else 10            # start-time runs (median)
SOAK = 15 if QUICK else 60             # seconds of mixed load
THREADS, CONNECTIONS = 2, 16


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


GENERATED_LIST = "/Api/Fiscal/104200311/Voucher"


def minted_token(binary, port):
    """An access token for alice from `xena-mock token`, for a server that will listen on `port`."""
    return subprocess.run([binary, "token", "--port", str(port)], check=True, capture_output=True, text=True).stdout.strip()


class Server:
    def __init__(self, binary, *args, port=None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def first_200(self, path, headers=None):
        """Seconds from spawn to the first 200 on `path`, polling as fast as connections allow."""
        deadline = self.started + 30
        while time.perf_counter() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", path, headers=headers or {})
                if connection.getresponse().status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.0005)
        raise SystemExit(f"server did not answer {path}")

    def memory(self):
        """(current, peak) resident set size in MB."""
        status = open(f"/proc/{self.process.pid}/status").read()
        def field(name):
            return int(re.search(rf"{name}:\s+(\d+) kB", status).group(1)) / 1024
        return field("VmRSS"), field("VmHWM")

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def wrk(server, script, path, seconds=DURATION, env=None, connections=CONNECTIONS):
    """Runs wrk; returns (requests/s, p99 ms, output)."""
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", os.path.join(HERE, script), server.base + path]
    output = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "THREADS": str(THREADS), **(env or {})}).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx and script in ("client_credentials.lua", "api.lua", "healthz.lua"):
        raise SystemExit(f"{script}: {non2xx.group(1)} failed requests\n{output}")
    return rate, float(p99.group(1)) * scale, output


def median_of(runs):
    return statistics.median(runs)


def pkce_file(count):
    handle = tempfile.NamedTemporaryFile("w", delete=False, suffix=".pkce")
    for _ in range(count):
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        handle.write(f"{verifier} {challenge}\n")
    handle.close()
    return handle.name


def refresh_tokens(server, count, scope):
    """Logs in `count` times with code + PKCE and `scope` (with offline_access); returns a file of refresh tokens."""
    redirect = "http://127.0.0.1:9999/callback"
    handle = tempfile.NamedTemporaryFile("w", delete=False, suffix=".refresh")
    for _ in range(count):
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = urllib.parse.urlencode({
            "client_id": "demo-native.xena.biz", "response_type": "code", "scope": scope,
            "redirect_uri": redirect, "code_challenge": challenge, "code_challenge_method": "S256"})
        _, headers, _ = server.request("GET", "/connect/authorize?" + query)
        code = urllib.parse.parse_qs(urllib.parse.urlsplit(headers["Location"]).query)["code"][0]
        body = urllib.parse.urlencode({
            "grant_type": "authorization_code", "client_id": "demo-native.xena.biz", "code": code, "redirect_uri": redirect,
            "code_verifier": verifier})
        _, _, answer = server.request("POST", "/connect/token", body, {"Content-Type": "application/x-www-form-urlencoded"})
        handle.write(json.loads(answer)["refresh_token"] + "\n")
    handle.close()
    return handle.name


def service_token(server):
    _, _, body = server.request(
        "POST", "/connect/token", "grant_type=client_credentials&scope=testapi",
        {"Content-Type": "application/x-www-form-urlencoded",
         "Authorization": "Basic " + base64.b64encode(b"demo-service.xena.biz:demo-service-secret").decode()})
    return json.loads(body)["access_token"]


def rsa_ceiling():
    output = subprocess.run(["openssl", "speed", "-multi", str(os.cpu_count()), "-seconds", "5", "rsa2048"],
                            capture_output=True, text=True).stdout
    return float(re.search(r"rsa 2048 bits\s+\S+\s+\S+\s+([\d.]+)", output).group(1))


def library_ceiling(signer):
    """RSA-2048 signatures/s on every core with swift-crypto (BoringSSL), the library the server signed with before it used OpenSSL."""
    key = os.path.join(HERE, "..", "..", "fixtures", "signing-key.pem")
    return float(subprocess.run([signer, key, "5"], capture_output=True, text=True, check=True).stdout)


def main():
    binary = sys.argv[1]
    results = {}

    # Start to ready.
    healthz, discovery = [], []
    for _ in range(STARTS):
        server = Server(binary)
        healthz.append(server.first_200("/healthz"))
        server.stop()
        server = Server(binary)
        discovery.append(server.first_200("/.well-known/openid-configuration"))
        server.stop()
    results["start_healthz_ms"] = median_of(healthz) * 1000
    results["start_discovery_ms"] = median_of(discovery) * 1000
    # Start to the first answer from the documented surface (Xena's Swagger document read and indexed).
    documented = []
    for _ in range(STARTS):
        port = free_port()
        token = minted_token(binary, port)
        server = Server(binary, port=port)
        documented.append(server.first_200(GENERATED_LIST, headers={"Authorization": f"Bearer {token}"}))
        server.stop()
    results["start_documented_ms"] = median_of(documented) * 1000

    # Idle with the whole API surface loaded: one documented list answered, then at rest.
    server = Server(binary)
    token = minted_token(binary, server.port)
    server.first_200(GENERATED_LIST, headers={"Authorization": f"Bearer {token}"})
    time.sleep(1.0)
    results["rss_idle_mb"] = server.memory()[0]

    # Tokens, logins, refreshes.
    runs = [wrk(server, "client_credentials.lua", "/connect/token") for _ in range(RUNS)]
    results["cc_rps"] = median_of([run[0] for run in runs])
    results["cc_p99_ms"] = median_of([run[1] for run in runs])
    # One connection per core: the same tokens/s without the queueing that a saturating load adds to the tail.
    runs = [wrk(server, "client_credentials.lua", "/connect/token", connections=THREADS) for _ in range(RUNS)]
    results["cc_2_rps"] = median_of([run[0] for run in runs])
    results["cc_2_p99_ms"] = median_of([run[1] for run in runs])

    pairs = pkce_file(int(3000 * DURATION * 2))
    for name, scope in [("logins_openid_per_s", "openid%20testapi"), ("logins_api_per_s", "testapi")]:
        logins = []
        for _ in range(RUNS):
            output = wrk(server, "login.lua", "/connect/authorize", env={"PKCE_FILE": pairs, "SCOPE": scope})[2]
            match = re.search(r"LOGINS (\d+) FAILURES (\d+) SECONDS ([\d.]+)", output)
            if int(match.group(2)) > 0:
                raise SystemExit(f"login benchmark: {match.group(2)} failures\n{output}")
            logins.append(int(match.group(1)) / float(match.group(3)))
        results[name] = median_of(logins)

    for name, scope in [("refresh_openid_per_s", "openid testapi offline_access"), ("refresh_api_per_s", "testapi offline_access")]:
        refreshes = []
        for _ in range(RUNS):
            # Rotation spends the seeds, so every run starts from new ones.
            seeds = refresh_tokens(server, CONNECTIONS * 2, scope)
            output = wrk(server, "refresh.lua", "/connect/token", env={"REFRESH_FILE": seeds})[2]
            match = re.search(r"REFRESHES (\d+) FAILURES (\d+) SECONDS ([\d.]+)", output)
            if int(match.group(2)) > 0:
                raise SystemExit(f"refresh benchmark: {match.group(2)} failures\n{output}")
            refreshes.append(int(match.group(1)) / float(match.group(3)))
        results[name] = median_of(refreshes)

    # The API beside /healthz, on the same server in the same run.
    token = service_token(server)
    api_runs, health_runs = [], []
    for _ in range(RUNS):
        health_runs.append(wrk(server, "api.lua", "/healthz", env={"TOKEN": token}))
        api_runs.append(wrk(server, "api.lua", "/Api/Fiscal/104200311/Partner", env={"TOKEN": token}))
    results["healthz_rps"] = median_of([run[0] for run in health_runs])
    results["healthz_p99_ms"] = median_of([run[1] for run in health_runs])
    results["api_rps"] = median_of([run[0] for run in api_runs])
    results["api_p99_ms"] = median_of([run[1] for run in api_runs])
    generated_runs = [wrk(server, "api.lua", GENERATED_LIST, env={"TOKEN": token}) for _ in range(RUNS)]
    results["api_generated_rps"] = median_of([run[0] for run in generated_runs])
    results["api_generated_p99_ms"] = median_of([run[1] for run in generated_runs])
    results["rss_load_peak_mb"] = server.memory()[1]

    # Mixed soak: tokens, logins and API calls at once.
    before_soak = server.memory()[0]
    soak_pairs = pkce_file(int(3000 * SOAK))
    loads = [
        subprocess.Popen(["wrk", "-t1", "-c8", f"-d{SOAK}s", "-s", os.path.join(HERE, script), server.base + path],
                         stdout=subprocess.DEVNULL, env={**os.environ, "THREADS": "1", **env})
        for script, path, env in [
            ("client_credentials.lua", "/connect/token", {}),
            ("login.lua", "/connect/authorize", {"PKCE_FILE": soak_pairs, "SCOPE": "openid%20testapi%20offline_access"}),
            ("api.lua", "/Api/Fiscal/104200311/Partner", {"TOKEN": token}),
        ]
    ]
    time.sleep(SOAK / 2)
    mid_soak = server.memory()[0]
    for load in loads:
        load.wait()
    results["rss_soak_mid_mb"] = mid_soak
    results["rss_soak_end_mb"] = server.memory()[0]
    results["rss_before_soak_mb"] = before_soak
    server.stop()

    # --data-dir: the same logins (with a refresh token each, which is saved), refreshes and API writes in memory and
    # with every change committed to SQLite before it is answered.
    with tempfile.TemporaryDirectory(prefix="xena-mock-bench-") as data_directory:
        for mode, args in [("memory", ()), ("disk", ("--data-dir", data_directory))]:
            server = Server(binary, *args)
            server.first_200("/healthz")
            logins, refreshes, writes = [], [], []
            for _ in range(RUNS):
                output = wrk(server, "login.lua", "/connect/authorize",
                             env={"PKCE_FILE": pairs, "SCOPE": "openid%20testapi%20offline_access"})[2]
                match = re.search(r"LOGINS (\d+) FAILURES (\d+) SECONDS ([\d.]+)", output)
                if int(match.group(2)) > 0:
                    raise SystemExit(f"login benchmark ({mode}): {match.group(2)} failures\n{output}")
                logins.append(int(match.group(1)) / float(match.group(3)))
                seeds = refresh_tokens(server, CONNECTIONS * 2, "openid testapi offline_access")
                output = wrk(server, "refresh.lua", "/connect/token", env={"REFRESH_FILE": seeds})[2]
                match = re.search(r"REFRESHES (\d+) FAILURES (\d+) SECONDS ([\d.]+)", output)
                if int(match.group(2)) > 0:
                    raise SystemExit(f"refresh benchmark ({mode}): {match.group(2)} failures\n{output}")
                refreshes.append(int(match.group(1)) / float(match.group(3)))
                rate, _, output = wrk(server, "api_write.lua", "/Api/Fiscal/104200311/Partner", env={"TOKEN": service_token(server)})
                match = re.search(r"WRITES (\d+) ERRORS (\d+)", output)
                if int(match.group(2)) > 0:
                    raise SystemExit(f"write benchmark ({mode}): {match.group(2)} answers were not 200\n{output}")
                writes.append(rate)
            results[f"{mode}_logins_offline_per_s"] = median_of(logins)
            results[f"{mode}_refresh_per_s"] = median_of(refreshes)
            results[f"{mode}_api_writes_per_s"] = median_of(writes)
            server.stop()

    results["rsa_sign_per_s"] = rsa_ceiling()
    results["library_sign_per_s"] = library_ceiling(sys.argv[2])
    results["cc_vs_rsa"] = results["cc_rps"] / results["rsa_sign_per_s"]
    results["cc_vs_library"] = results["cc_rps"] / results["library_sign_per_s"]
    results["api_vs_healthz"] = results["api_rps"] / results["healthz_rps"]
    results["generated_vs_healthz"] = results["api_generated_rps"] / results["healthz_rps"]

    results["disk_vs_memory_logins"] = results["disk_logins_offline_per_s"] / results["memory_logins_offline_per_s"]
    results["disk_vs_memory_refresh"] = results["disk_refresh_per_s"] / results["memory_refresh_per_s"]
    rows = [
        ("start to first 200 on /healthz", f"{results['start_healthz_ms']:.1f} ms", "≤ 25 ms"),
        ("start to first 200 on discovery", f"{results['start_discovery_ms']:.1f} ms", "≤ 25 ms"),
        ("start to first 200 on a generated API list (document read)", f"{results['start_documented_ms']:.1f} ms", ""),
        (f"client_credentials tokens, {CONNECTIONS} connections", f"{results['cc_rps']:.0f}/s, p99 {results['cc_p99_ms']:.2f} ms", "≥ 60 % of RSA"),
        (f"client_credentials tokens, {THREADS} connections", f"{results['cc_2_rps']:.0f}/s, p99 {results['cc_2_p99_ms']:.2f} ms", "p99 ≤ 2 ms"),
        ("RSA-2048 signatures, `openssl speed -multi`", f"{results['rsa_sign_per_s']:.0f}/s", ""),
        ("RSA-2048 signatures, swift-crypto (BoringSSL)", f"{results['library_sign_per_s']:.0f}/s", ""),
        ("tokens/s ÷ openssl signatures/s", f"{results['cc_vs_rsa'] * 100:.0f} %", "≥ 60 %"),
        ("tokens/s ÷ swift-crypto signatures/s", f"{results['cc_vs_library'] * 100:.0f} %", ""),
        ("code + PKCE logins, openid testapi (2 signatures)", f"{results['logins_openid_per_s']:.0f}/s", "≥ 2,000/s"),
        ("code + PKCE logins, testapi (1 signature)", f"{results['logins_api_per_s']:.0f}/s", "≥ 1,500/s"),
        ("refreshes, openid testapi offline_access (2 signatures)", f"{results['refresh_openid_per_s']:.0f}/s", "≥ 2,000/s"),
        ("refreshes, testapi offline_access (1 signature)", f"{results['refresh_api_per_s']:.0f}/s", "≥ 2,000/s"),
        ("GET /healthz", f"{results['healthz_rps']:.0f}/s, p99 {results['healthz_p99_ms']:.2f} ms", ""),
        ("GET /Api/Fiscal/{id}/Partner", f"{results['api_rps']:.0f}/s, p99 {results['api_p99_ms']:.2f} ms", "p99 ≤ 5 ms"),
        ("API req/s ÷ healthz req/s", f"{results['api_vs_healthz'] * 100:.0f} %", "≥ 75 %"),
        ("GET /Api/Fiscal/{id}/Voucher (generated)", f"{results['api_generated_rps']:.0f}/s, p99 {results['api_generated_p99_ms']:.2f} ms", ""),
        ("generated list req/s ÷ healthz req/s", f"{results['generated_vs_healthz'] * 100:.0f} %", "within 10 % of the API's"),
        ("resident memory idle, whole API loaded", f"{results['rss_idle_mb']:.1f} MB", "≤ 35 MB"),
        ("resident memory peak under load", f"{results['rss_load_peak_mb']:.1f} MB", "≤ 60 MB"),
        ("code + PKCE logins with offline_access: in memory / --data-dir",
         f"{results['memory_logins_offline_per_s']:.0f} / {results['disk_logins_offline_per_s']:.0f}/s "
         f"({results['disk_vs_memory_logins'] * 100:.0f} %)", "≥ 70 %"),
        ("refreshes with id_token: in memory / --data-dir",
         f"{results['memory_refresh_per_s']:.0f} / {results['disk_refresh_per_s']:.0f}/s ({results['disk_vs_memory_refresh'] * 100:.0f} %)",
         "≥ 70 %"),
        ("API writes (POST Partner): in memory / --data-dir",
         f"{results['memory_api_writes_per_s']:.0f} / {results['disk_api_writes_per_s']:.0f}/s", "≥ 2,000/s with --data-dir"),
        (f"resident memory before / mid / end of {SOAK} s mixed soak",
         f"{results['rss_before_soak_mb']:.1f} / {results['rss_soak_mid_mb']:.1f} / {results['rss_soak_end_mb']:.1f} MB", "no growth"),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"\n| {'measure'.ljust(width)} | result | target |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for name, value, target in rows:
        print(f"| {name.ljust(width)} | {value} | {target} |")
    print(f"\n{os.cpu_count()} cores, {THREADS} wrk threads × {CONNECTIONS} connections on the same machine, "
          f"{DURATION} s runs, medians of {RUNS} runs ({STARTS} starts).")
    with open(os.path.join(tempfile.gettempdir(), "xena-mock-bench.json"), "w") as handle:
        json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
