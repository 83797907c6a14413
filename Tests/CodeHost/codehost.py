#!/usr/bin/env python3
"""A local code host for scaffold's tests: GitHub's REST API v3 and GitLab's API v4 (the endpoints
scaffold uses), and real git over smart HTTP (Debian's `git http-backend`) for the bare
repositories under --root. Started by the tests themselves on 127.0.0.1; prints its port on the
first line of stdout, then serves until stdin closes (so a test that dies takes it along).

    codehost.py --root DIR --kind github|gitlab --token TOKEN [--page-size N]
                [--secondary-limit N] [--fault-rate P] [--seed S] [--tls]

--tls serves HTTPS with tls/cert.pem (self-signed for 127.0.0.1 and localhost, made with
`openssl req -x509 -newkey rsa:2048 -nodes -days 7300 -subj /CN=127.0.0.1 -addext
subjectAltName=IP:127.0.0.1,DNS:localhost`), which a client trusts through GIT_SSL_CAINFO.

State (pull requests, labels, comments) lives in memory; `GET /_codehost/log` returns every API
call made (method, path, status), every git push (`PUSH`) and every authenticated git reference
advertisement (`GET …/info/refs?service=…`), `POST /_codehost/reset-log` clears it, `POST /_codehost/pulls`
edits a pull request behind scaffold's back (merge it, close it), as a team would.

What is modelled, and where the real services document it:
- Token auth: GitHub `Authorization: Bearer|token` (docs.github.com/en/rest/authentication/
  authenticating-to-the-rest-api), 401 `Bad credentials` without or with a wrong token; GitLab
  `PRIVATE-TOKEN` or `Authorization: Bearer` (docs.gitlab.com/ee/api/rest/authentication.html),
  401 `{"message":"401 Unauthorized"}`. git over HTTP: Basic auth, the token as password, 401 with
  `WWW-Authenticate: Basic` (as both hosts answer git clients).
- Repositories the token cannot see: a repository whose name starts with `private-` answers 404
  (GitHub hides inaccessible repositories as 404), and `readonly-` answers 403 to writes.
- Pagination with --page-size: GitHub `Link: <…>; rel="next"` (docs.github.com/en/rest/using-the-
  rest-api/using-pagination-in-the-rest-api), GitLab `X-Next-Page`, `X-Page`, `X-Total` and `Link`
  (docs.gitlab.com/ee/api/rest/#pagination).
- GitHub's GraphQL endpoint (`/api/graphql`, as on GitHub Enterprise Server): the draft
  mutations `markPullRequestReadyForReview` and `convertPullRequestToDraft` by `node_id`
  (docs.github.com/en/graphql/reference/mutations), errors as `errors` in a 200 answer.
- GitHub pull requests (docs.github.com/en/rest/pulls/pulls): list filtered by `state` and `head`
  (`owner:branch`), create (422 `A pull request already exists for owner:branch.` for a second
  open one from the same head), update title/body/state; labels and assignees through the issues
  API, reviewers through requested_reviewers, comments through issue comments, branch deletion
  through `DELETE /repos/{o}/{r}/git/refs/heads/{branch}`.
- GitLab merge requests (docs.gitlab.com/ee/api/merge_requests.html): list by `source_branch` and
  `state`, create (409 `Another open merge request already exists for this source branch: !N`),
  update (`state_event=close`, `add_labels`, `title`, `description`, `assignee_ids`,
  `reviewer_ids`), notes, users looked up by username, branches deleted through the repository API.
- Secondary rate limits: after --secondary-limit writes in a window, GitHub answers 403 `You have
  exceeded a secondary rate limit` with `Retry-After: 1`; GitLab answers 429 with `Retry-After`
  and `RateLimit-Reset` (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api,
  docs.gitlab.com/ee/user/gitlab_com/index.html#gitlabcom-specific-rate-limits).
- --fault-rate P: that fraction of API calls fails with 502 before doing anything (seeded).
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
lock = threading.Lock()
log = []
pulls = {}          # repo path -> list of pull dicts
comments = []
deleted_branches = []
repositories = {}   # repo path -> what its creation asked for (description, private, topics)
namespaces = {}     # GitLab namespace id -> path
writes_in_window = []
rng = random.Random(0)
GIT = shutil.which("git") or "git"   # once, not a PATH search per request


def now():
    return time.time()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm holds the second
    # until the client's delayed ACK, 40 ms per response.
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    # ---- plumbing -------------------------------------------------------------------------
    def body_bytes(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status, payload=None, headers=None, raw=None):
        data = raw if raw is not None else (b"" if payload is None else json.dumps(payload).encode())
        self.send_response(status)
        if raw is None:
            self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self): self.route("GET")
    def do_POST(self): self.route("POST")
    def do_PATCH(self): self.route("PATCH")
    def do_PUT(self): self.route("PUT")
    def do_DELETE(self): self.route("DELETE")

    def route(self, method):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/_codehost/"):
            return self.control(method, url)
        if re.search(r"/(info/refs|git-upload-pack|git-receive-pack)$", url.path):
            return self.git(method, url)
        body = self.body_bytes()
        prefix = "/api/v3" if args.kind == "github" else "/api/v4"
        if args.kind == "github" and url.path == "/api/graphql":
            path = "/graphql"      # GitHub Enterprise Server's GraphQL endpoint beside /api/v3
        elif not url.path.startswith(prefix + "/"):
            return self.send(404, {"message": "Not Found"})
        else:
            path = url.path[len(prefix):]
        query = dict(urllib.parse.parse_qsl(url.query))
        status = self.api(method, path, query, body)
        with lock:
            log.append({"method": method, "path": path, "status": status})

    # ---- test control ---------------------------------------------------------------------
    def control(self, method, url):
        body = self.body_bytes()
        if url.path == "/_codehost/log":
            with lock:
                return self.send(200, log)
        if url.path == "/_codehost/reset-log":
            with lock:
                log.clear()
            return self.send(200, {})
        if url.path == "/_codehost/pulls" and method == "GET":
            with lock:
                return self.send(200, {"pulls": pulls, "comments": comments, "deleted_branches": deleted_branches,
                                       "repositories": repositories})
        if url.path == "/_codehost/repos" and method == "POST":
            change = json.loads(body or b"{}")
            with lock:
                repositories.setdefault(change["repo"], {}).update(change["set"])
            return self.send(200, {})
        if url.path == "/_codehost/pulls" and method == "POST":
            change = json.loads(body or b"{}")
            with lock:
                for p in pulls.get(change["repo"], []):
                    if p["number"] == change["number"]:
                        p.update(change["set"])
            return self.send(200, {})
        return self.send(404, {"message": "Not Found"})

    # ---- git over smart HTTP --------------------------------------------------------------
    def git(self, method, url):
        body = self.body_bytes()
        auth = self.headers.get("Authorization", "")
        import base64
        token = None
        if auth.startswith("Basic "):
            token = base64.b64decode(auth[6:]).decode().split(":", 1)[-1]
        if token != args.token:
            return self.send(401, raw=b"authentication required\n",
                             headers={"WWW-Authenticate": 'Basic realm="codehost"', "Content-Type": "text/plain"})
        repo = url.path.split("/")[1:]
        name = next((p for p in repo if p.endswith(".git")), "")
        if name.startswith("private-"):
            return self.send(404, raw=b"repository not found\n", headers={"Content-Type": "text/plain"})
        if name.startswith("readonly-") and (url.path.endswith("git-receive-pack") or "service=git-receive-pack" in url.query):
            return self.send(403, raw=b"write access to repository not granted\n", headers={"Content-Type": "text/plain"})
        env = dict(os.environ,
                   GIT_PROJECT_ROOT=args.root, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=url.path,
                   QUERY_STRING=url.query, REQUEST_METHOD=method, REMOTE_USER="scaffold",
                   REMOTE_ADDR="127.0.0.1", CONTENT_TYPE=self.headers.get("Content-Type", ""),
                   CONTENT_LENGTH=str(len(body)), HTTP_CONTENT_ENCODING=self.headers.get("Content-Encoding", ""),
                   # No `git gc --auto` after each push: a hosted service packs in the background.
                   GIT_CONFIG_COUNT="2", GIT_CONFIG_KEY_0="http.receivepack", GIT_CONFIG_VALUE_0="true",
                   GIT_CONFIG_KEY_1="receive.autogc", GIT_CONFIG_VALUE_1="false")
        out = subprocess.run([GIT, "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, data = out.partition(b"\r\n\r\n")
        if not _:
            head, _, data = out.partition(b"\n\n")
        status, headers = 200, {}
        for line in head.decode().splitlines():
            k, _, v = line.partition(":")
            if k.lower() == "status":
                status = int(v.strip().split()[0])
            elif k:
                headers[k.strip()] = v.strip()
        if method == "POST" and url.path.endswith("git-receive-pack"):
            with lock:
                log.append({"method": "PUSH", "path": url.path, "status": status})
        elif method == "GET":
            with lock:
                log.append({"method": "GET", "path": url.path + "?" + url.query, "status": status})
        self.send(status, raw=data, headers=headers)

    # ---- the APIs -------------------------------------------------------------------------
    def authorized(self):
        if args.kind == "github":
            auth = self.headers.get("Authorization", "")
            return auth in ("Bearer " + args.token, "token " + args.token)
        return self.headers.get("PRIVATE-TOKEN") == args.token or \
            self.headers.get("Authorization") == "Bearer " + args.token

    def api(self, method, path, query, body):
        if not self.authorized():
            msg = {"message": "Bad credentials"} if args.kind == "github" else {"message": "401 Unauthorized"}
            self.send(401, msg)
            return 401
        if args.fault_rate and rng.random() < args.fault_rate:
            self.send(502, {"message": "Server Error"})
            return 502
        if method != "GET" and args.secondary_limit:
            with lock:
                t = now()
                writes_in_window[:] = [w for w in writes_in_window if t - w < 1.0]
                if len(writes_in_window) >= args.secondary_limit:
                    if args.kind == "github":
                        self.send(403, {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
                                  headers={"Retry-After": "1"})
                        return 403
                    self.send(429, {"message": "429 Too Many Requests"},
                              headers={"Retry-After": "1", "RateLimit-Reset": str(int(t) + 1)})
                    return 429
                writes_in_window.append(t)
        data = json.loads(body) if body else {}
        try:
            status, payload, headers = (github if args.kind == "github" else gitlab)(self, method, path, query, data)
        except KeyError as e:
            status, payload, headers = 400, {"message": "missing " + str(e)}, {}
        self.send(status, payload, headers)
        return status

    def host(self):
        return ("https://" if args.tls else "http://") + self.headers.get("Host", "127.0.0.1")


def bare(repo):
    return os.path.join(args.root, repo + ".git")


def branch_tip(repo, branch):
    """The commit `refs/heads/BRANCH` names, read as git stores references (a loose file, else a
    line of packed-refs): the API is answered without a git process per call, as a real host's
    is without one on the test's two cores."""
    name = "refs/heads/" + branch
    try:
        with open(os.path.join(bare(repo), name)) as f:
            return f.read().strip() or None
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass
    try:
        with open(os.path.join(bare(repo), "packed-refs")) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1] == name and not line.startswith(("#", "^")):
                    return parts[0]
    except FileNotFoundError:
        pass
    return None


def default_branch(repo):
    try:
        with open(os.path.join(bare(repo), "HEAD")) as f:
            head = f.read().strip()
    except FileNotFoundError:
        return "main"
    return head[len("ref: refs/heads/"):] if head.startswith("ref: refs/heads/") else "main"


def paginate(handler, items, query, base):
    size = int(query.get("per_page", 30))
    size = min(size, args.page_size) if args.page_size else size
    page = int(query.get("page", 1))
    chunk = items[(page - 1) * size: page * size]
    headers = {}
    if page * size < len(items):
        q = dict(query, page=str(page + 1), per_page=str(size))
        link = handler.host() + base + "?" + urllib.parse.urlencode(q)
        headers["Link"] = '<%s>; rel="next"' % link
        if args.kind == "gitlab":
            headers["X-Next-Page"] = str(page + 1)
    elif args.kind == "gitlab":
        headers["X-Next-Page"] = ""
    if args.kind == "gitlab":
        headers["X-Page"] = str(page)
        headers["X-Total"] = str(len(items))
    return chunk, headers


def visible(repo, method):
    name = repo.split("/")[-1]
    if name.startswith("private-") or not os.path.isdir(bare(repo)):
        return 404
    if method != "GET" and name.startswith("readonly-"):
        return 403
    return None


def create_bare(repo, meta):
    if os.path.isdir(bare(repo)):
        return False
    os.makedirs(os.path.dirname(bare(repo)), exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", bare(repo)], check=True)
    repositories[repo] = meta
    return True


def all_repos(owner_prefix):
    """Every bare repository under root/OWNER_PREFIX (nested groups included), sorted."""
    found = []
    base = os.path.join(args.root, owner_prefix)
    for folder, dirs, _ in os.walk(base):
        for d in sorted(dirs):
            if d.endswith(".git"):
                found.append(os.path.relpath(os.path.join(folder, d), args.root)[:-4])
        dirs[:] = [d for d in dirs if not d.endswith(".git")]
    return sorted(found)


def gh_repo(h, repo):
    meta = repositories.get(repo, {})
    return {"full_name": repo, "name": repo.split("/")[-1], "clone_url": h.host() + "/" + repo + ".git",
            "html_url": h.host() + "/" + repo, "topics": meta.get("topics", []), "archived": meta.get("archived", False),
            "default_branch": default_branch(repo)}


def github(h, method, path, query, data):
    if path == "/user" and method == "GET":
        return 200, {"login": "scaffold-bot"}, {}
    if path == "/graphql" and method == "POST":
        return gh_graphql(data)
    m = re.match(r"^/orgs/([^/]+)/repos$", path)
    if m and method == "GET":
        items = [gh_repo(h, r) for r in all_repos(m.group(1))]
        chunk, headers = paginate(h, items, query, "/api/v3" + path)
        return 200, chunk, headers
    m = re.match(r"^/(?:user|orgs/([^/]+))/repos$", path)
    if m and method == "POST":
        repo = (m.group(1) or "scaffold-bot") + "/" + data["name"]
        with lock:
            created = create_bare(repo, {"description": data.get("description", ""), "private": data.get("private", False),
                                         "topics": [], "via": path})
        if not created:
            return 422, {"message": "Repository creation failed.", "errors": [{"resource": "Repository", "code": "custom",
                         "field": "name", "message": "name already exists on this account"}]}, {}
        return 201, {"full_name": repo, "html_url": h.host() + "/" + repo, "default_branch": "main",
                     "private": data.get("private", False)}, {}
    m = re.match(r"^/repos/([^/]+/[^/]+)(/.*)?$", path)
    if not m:
        return 404, {"message": "Not Found"}, {}
    repo, rest = m.group(1), m.group(2) or ""
    denied = visible(repo, method)
    if denied == 404:
        return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, {}
    if denied == 403:
        return 403, {"message": "Resource not accessible by personal access token"}, {}
    base = "/api/v3" + path
    with lock:
        prs = pulls.setdefault(repo, [])
        if rest == "" and method == "GET":
            return 200, {"full_name": repo, "default_branch": default_branch(repo),
                         "html_url": h.host() + "/" + repo}, {}
        if rest == "/topics" and method == "PUT":
            repositories.setdefault(repo, {})["topics"] = data["names"]
            return 200, {"names": data["names"]}, {}
        if rest == "/pulls" and method == "GET":
            state = query.get("state", "open")
            items = [p for p in prs if state == "all" or p["state"] == state]
            if "head" in query:
                items = [p for p in items if repo.split("/")[0] + ":" + p["head"]["ref"] == query["head"]]
            chunk, headers = paginate(h, [gh_view(repo, p) for p in items], query, base)
            return 200, chunk, headers
        if rest == "/pulls" and method == "POST":
            if branch_tip(repo, data["head"]) is None:
                return 422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}]}, {}
            if any(p["head"]["ref"] == data["head"] and p["state"] == "open" for p in prs):
                return 422, {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom",
                             "message": "A pull request already exists for %s:%s." % (repo.split("/")[0], data["head"])}]}, {}
            number = len(prs) + 1
            p = {"number": number, "title": data["title"], "body": data.get("body", ""), "state": "open",
                 "draft": bool(data.get("draft", False)), "merged": False, "head": {"ref": data["head"]},
                 "base": {"ref": data["base"]}, "labels": [], "requested_reviewers": [], "assignees": []}
            prs.append(p)
            return 201, gh_view(repo, p), {}
        m2 = re.match(r"^/pulls/(\d+)$", rest)
        if m2 and method == "GET":
            p = find(prs, int(m2.group(1)))
            if p is None:
                return 404, {"message": "Not Found"}, {}
            v = gh_view(repo, p)
            v["mergeable"] = p.get("mergeable", True)
            return 200, v, {}
        if m2 and method == "PATCH":
            p = find(prs, int(m2.group(1)))
            if p is None:
                return 404, {"message": "Not Found"}, {}
            for k in ("title", "body", "state"):
                if k in data:
                    p[k] = data[k]
            return 200, gh_view(repo, p), {}
        m2 = re.match(r"^/commits/([0-9a-f]+)/(check-runs|status)$", rest)
        if m2 and method == "GET":
            checks = next((p.get("checks") for p in prs if gh_view(repo, p)["head"]["sha"] == m2.group(1)), None)
            if m2.group(2) == "check-runs":
                runs = [] if checks is None else [{"name": "ci", "status": "in_progress" if checks == "pending" else "completed",
                                                  "conclusion": None if checks == "pending" else checks}]
                return 200, {"total_count": len(runs), "check_runs": runs}, {}
            return 200, {"state": "pending", "total_count": 0, "statuses": []}, {}
        m2 = re.match(r"^/pulls/(\d+)/requested_reviewers$", rest)
        if m2 and method == "POST":
            p = find(prs, int(m2.group(1)))
            p["requested_reviewers"] = sorted(set(p["requested_reviewers"]) | set(data["reviewers"]))
            return 201, gh_view(repo, p), {}
        m2 = re.match(r"^/issues/(\d+)/(labels|assignees|comments)$", rest)
        if m2 and method == "POST":
            p = find(prs, int(m2.group(1)))
            kind = m2.group(2)
            if kind == "comments":
                comments.append({"repo": repo, "number": p["number"], "body": data["body"]})
                return 201, {"id": len(comments)}, {}
            key = "labels" if kind == "labels" else "assignees"
            p[key] = sorted(set(p[key]) | set(data[key]))
            return (200 if kind == "labels" else 201), gh_view(repo, p), {}
        m2 = re.match(r"^/git/refs/heads/(.+)$", rest)
        if m2 and method == "DELETE":
            branch = m2.group(1)
            if branch_tip(repo, branch) is None:
                return 422, {"message": "Reference does not exist"}, {}
            subprocess.run(["git", "--git-dir", bare(repo), "update-ref", "-d", "refs/heads/" + branch], check=True)
            deleted_branches.append({"repo": repo, "branch": branch})
            return 204, None, {}
    return 404, {"message": "Not Found"}, {}


def gh_graphql(data):
    """The two GraphQL mutations that change a pull request's draft state
    (docs.github.com/en/graphql/reference/mutations#markpullrequestreadyforreview and
    #convertpullrequesttodraft), by the pull request's node ID. GraphQL answers 200 with `errors`
    for a query it cannot run (docs.github.com/en/graphql/guides/forming-calls-with-graphql)."""
    query = data.get("query", "")
    m = re.search(r"\b(markPullRequestReadyForReview|convertPullRequestToDraft)\s*\(", query)
    if not m:
        return 200, {"errors": [{"message": "this code host models only the draft mutations"}]}, {}
    node = (data.get("variables") or {}).get("id", "")
    with lock:
        for repo, prs in pulls.items():
            for p in prs:
                if gh_node_id(repo, p) == node:
                    if p["state"] != "open":
                        return 200, {"data": {m.group(1): None}, "errors": [
                            {"type": "UNPROCESSABLE", "message": "Pull request is closed"}]}, {}
                    p["draft"] = m.group(1) == "convertPullRequestToDraft"
                    return 200, {"data": {m.group(1): {"pullRequest": {"isDraft": p["draft"]}}}}, {}
    return 200, {"data": {m.group(1): None}, "errors": [
        {"type": "NOT_FOUND", "message": "Could not resolve to a node with the global id of '%s'" % node}]}, {}


def gh_node_id(repo, p):
    return "PR_%s_%d" % (repo.replace("/", "_"), p["number"])


def gh_view(repo, p):
    v = {k: p[k] for k in ("number", "title", "body", "state", "draft", "head", "base")}
    v["node_id"] = gh_node_id(repo, p)
    v["merged_at"] = "2026-12-01T00:00:00Z" if p["merged"] else None
    v["html_url"] = "http://codehost/%s/pull/%d" % (repo, p["number"])
    v["labels"] = [{"name": n} for n in p["labels"]]
    v["requested_reviewers"] = [{"login": n} for n in p["requested_reviewers"]]
    v["assignees"] = [{"login": n} for n in p["assignees"]]
    v["head"] = dict(p["head"], sha=branch_tip(repo, p["head"]["ref"]))
    return v


def find(prs, number):
    return next((p for p in prs if p["number"] == number), None)


USERS = {"alice": 11, "bob": 12, "carol": 13}


def gitlab(h, method, path, query, data):
    if path == "/user" and method == "GET":
        return 200, {"username": "scaffold-bot", "id": 1}, {}
    m = re.match(r"^/groups/([^/]+)/projects$", path)
    if m and method == "GET":
        group = urllib.parse.unquote(m.group(1))
        repos = all_repos(group) if query.get("include_subgroups") == "true" else \
            [r for r in all_repos(group) if r.rsplit("/", 1)[0] == group]
        items = []
        for r in repos:
            meta = repositories.get(r, {})
            if "topic" in query and query["topic"] not in meta.get("topics", []):
                continue
            if query.get("archived") == "false" and meta.get("archived", False):
                continue
            items.append({"path_with_namespace": r, "http_url_to_repo": h.host() + "/" + r + ".git",
                          "web_url": h.host() + "/" + r, "topics": meta.get("topics", []), "archived": meta.get("archived", False)})
        chunk, headers = paginate(h, items, query, "/api/v4" + path)
        return 200, chunk, headers
    m = re.match(r"^/namespaces/([^/]+)$", path)
    if m and method == "GET":
        full = urllib.parse.unquote(m.group(1))
        with lock:
            nid = next((i for i, p in namespaces.items() if p == full), len(namespaces) + 100)
            namespaces[nid] = full
        return 200, {"id": nid, "full_path": full, "kind": "group"}, {}
    if path == "/projects" and method == "POST":
        with lock:
            owner = namespaces.get(data["namespace_id"])
            if owner is None:
                return 404, {"message": "404 Namespace Not Found"}, {}
            repo = owner + "/" + data["path"]
            created = create_bare(repo, {"description": data.get("description", ""), "private": data.get("visibility") == "private",
                                         "topics": data.get("topics", []), "via": path})
        if not created:
            return 400, {"message": {"name": ["has already been taken"], "path": ["has already been taken"]}}, {}
        return 201, {"path_with_namespace": repo, "web_url": h.host() + "/" + repo, "default_branch": "main"}, {}
    if path == "/users" and method == "GET":
        user = USERS.get(query.get("username", ""))
        return 200, ([{"id": user, "username": query["username"]}] if user else []), {}
    m = re.match(r"^/projects/([^/]+)(/.*)?$", path)
    if not m:
        return 404, {"message": "404 Not Found"}, {}
    repo, rest = urllib.parse.unquote(m.group(1)), m.group(2) or ""
    denied = visible(repo, method)
    if denied == 404:
        return 404, {"message": "404 Project Not Found"}, {}
    if denied == 403:
        return 403, {"message": "403 Forbidden"}, {}
    base = "/api/v4/projects/" + m.group(1) + rest
    with lock:
        mrs = pulls.setdefault(repo, [])
        if rest == "" and method == "GET":
            return 200, {"path_with_namespace": repo, "default_branch": default_branch(repo),
                         "web_url": h.host() + "/" + repo}, {}
        if rest == "/merge_requests" and method == "GET":
            state = query.get("state", "all")
            items = [p for p in mrs if state == "all" or gl_state(p) == state]
            if "source_branch" in query:
                items = [p for p in items if p["head"]["ref"] == query["source_branch"]]
            chunk, headers = paginate(h, [gl_view(repo, p) for p in items], query, base)
            return 200, chunk, headers
        if rest == "/merge_requests" and method == "POST":
            existing = next((p for p in mrs if p["head"]["ref"] == data["source_branch"] and p["state"] == "open"), None)
            if existing:
                return 409, {"message": ["Another open merge request already exists for this source branch: !%d" % existing["number"]]}, {}
            title = data["title"]
            p = {"number": len(mrs) + 1, "title": title, "body": data.get("description", ""), "state": "open",
                 "draft": title.startswith("Draft:"), "merged": False, "head": {"ref": data["source_branch"]},
                 "base": {"ref": data["target_branch"]}, "labels": split_labels(data.get("labels")),
                 "requested_reviewers": data.get("reviewer_ids", []), "assignees": data.get("assignee_ids", [])}
            mrs.append(p)
            return 201, gl_view(repo, p), {}
        m2 = re.match(r"^/merge_requests/(\d+)$", rest)
        if m2 and method == "GET":
            p = find(mrs, int(m2.group(1)))
            if p is None:
                return 404, {"message": "404 Not found"}, {}
            v = gl_view(repo, p)
            pipeline = {"success": "success", "failure": "failed", "pending": "running"}.get(p.get("checks"))
            v["head_pipeline"] = {"status": pipeline} if pipeline else None
            v["detailed_merge_status"] = "mergeable" if p.get("mergeable", True) else "conflict"
            return 200, v, {}
        if m2 and method == "PUT":
            p = find(mrs, int(m2.group(1)))
            if p is None:
                return 404, {"message": "404 Not found"}, {}
            if "title" in data:
                p["title"] = data["title"]
                p["draft"] = data["title"].startswith("Draft:")
            if "description" in data:
                p["body"] = data["description"]
            if data.get("state_event") == "close":
                p["state"] = "closed"
            if "add_labels" in data:
                p["labels"] = sorted(set(p["labels"]) | set(split_labels(data["add_labels"])))
            for key, field in (("assignee_ids", "assignees"), ("reviewer_ids", "requested_reviewers")):
                if key in data:
                    p[field] = sorted(set(data[key]))
            return 200, gl_view(repo, p), {}
        m2 = re.match(r"^/merge_requests/(\d+)/notes$", rest)
        if m2 and method == "POST":
            comments.append({"repo": repo, "number": int(m2.group(1)), "body": data["body"]})
            return 201, {"id": len(comments)}, {}
        m2 = re.match(r"^/repository/branches/(.+)$", rest)
        if m2 and method == "DELETE":
            branch = urllib.parse.unquote(m2.group(1))
            if branch_tip(repo, branch) is None:
                return 404, {"message": "404 Branch Not Found"}, {}
            subprocess.run(["git", "--git-dir", bare(repo), "update-ref", "-d", "refs/heads/" + branch], check=True)
            deleted_branches.append({"repo": repo, "branch": branch})
            return 204, None, {}
    return 404, {"message": "404 Not Found"}, {}


def split_labels(value):
    if not value:
        return []
    return sorted(v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v.strip())


def gl_state(p):
    return "merged" if p["merged"] else ("opened" if p["state"] == "open" else "closed")


def gl_view(repo, p):
    ids = {v: k for k, v in USERS.items()}
    return {"iid": p["number"], "title": p["title"], "description": p["body"], "state": gl_state(p),
            "draft": p["draft"], "source_branch": p["head"]["ref"], "target_branch": p["base"]["ref"],
            "web_url": "http://codehost/%s/-/merge_requests/%d" % (repo, p["number"]),
            "labels": p["labels"], "sha": branch_tip(repo, p["head"]["ref"]),
            "assignees": [{"id": i, "username": ids.get(i)} for i in p["assignees"]],
            "reviewers": [{"id": i, "username": ids.get(i)} for i in p["requested_reviewers"]]}


class QuietServer(ThreadingHTTPServer):
    """Clients (libgit2, libcurl) drop kept-alive connections when they are done: not an error."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def main():
    global args, rng
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--kind", choices=["github", "gitlab"], default="github")
    parser.add_argument("--token", required=True)
    parser.add_argument("--page-size", type=int, default=0)
    parser.add_argument("--secondary-limit", type=int, default=0)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tls", action="store_true", help="HTTPS with the certificate of tls/ beside this script")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls:
        import ssl
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(here, "cert.pem"), os.path.join(here, "key.pem"))
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()   # the test closed our stdin, or died
    server.shutdown()


if __name__ == "__main__":
    main()
