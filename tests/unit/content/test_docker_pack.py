"""The built-in Docker pack: it loads and checks clean, covers every topic of its seed document,
has the counts the issue asks for, and its model answers and drill solutions pass our own tools."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from prepdeck.content import load_pack
from prepdeck.content.check import check_pack
from prepdeck.drills.evaluate import check_drill
from prepdeck.study.grading import grade_question
from prepdeck.study.grading.words import content_stems

PACK_DIR = Path(__file__).resolve().parents[3] / "content" / "docker"

REQUIRED_SECTIONS = [
    "linux-primitives",
    "runtime-stack",
    "oci-specs",
    "image-internals",
    "build-cache",
    "entrypoint-cmd",
    "pid1-signals",
    "logging",
    "storage-drivers",
    "security-model",
    "production-readiness",
    "multi-stage",
    "base-images",
    "runtime-hardening",
    "build-optimisation",
    "production-checklist",
    "anti-patterns",
    "interview-questions",
]

CARD_TYPES = {"basic", "reversed", "cloze", "type_in", "choice", "multi_choice", "order"}

# Every topic of the seed document, the section that teaches it, and phrases that section must
# contain. Phrases in capitals (PID, NET...) match as whole words with their case; the others match
# case-insensitively anywhere.
SEED_TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "namespaces and what each isolates",
        "linux-primitives",
        ["namespace", "PID", "NET", "MNT", "IPC", "UTS", "USER", "CGROUP", "process tree", "hostname"],
    ),
    ("cgroups v2 resource limits", "linux-primitives", ["cgroup v2", "memory", "cpu", "pids", "block io"]),
    ("capabilities split root", "linux-primitives", ["capabilities", "NET_ADMIN", "SYS_ADMIN"]),
    ("seccomp syscall filtering", "linux-primitives", ["seccomp", "system call"]),
    (
        "AppArmor and SELinux MAC profiles",
        "linux-primitives",
        ["AppArmor", "SELinux", "mandatory access control"],
    ),
    (
        "union filesystem, overlay2, copy-on-write",
        "linux-primitives",
        ["union filesystem", "overlay2", "copy-on-write"],
    ),
    (
        "docker is a front end to containerd and runc",
        "runtime-stack",
        ["front end", "containerd", "runc", "OCI runtime"],
    ),
    (
        "Kubernetes runs containerd or CRI-O since 1.24",
        "runtime-stack",
        ["dockershim", "1.24", "CRI-O", "containerd"],
    ),
    (
        "the three OCI specifications",
        "oci-specs",
        ["Image Format Specification", "Runtime Specification", "Distribution Specification", "registry"],
    ),
    ("images portable across runtimes", "oci-specs", ["containerd", "CRI-O", "Podman", "1.24"]),
    (
        "image = config JSON + layer digests",
        "image-internals",
        ["config", "list of layer digests", "env", "cmd", "ports"],
    ),
    (
        "a layer is a tar of added, changed or deleted files",
        "image-internals",
        ["tar", "gzip", "added, changed or deleted"],
    ),
    ("docker history shows the layer chain", "image-internals", ["docker history", "layer chain"]),
    (
        "pulls fetch only missing layers; layers are shared",
        "image-internals",
        ["only the missing layers", "share"],
    ),
    (
        "cache reuse needs the same instruction and parent",
        "build-cache",
        ["parent", "every later step rebuilds"],
    ),
    ("COPY compares file checksums", "build-cache", ["checksums"]),
    ("RUN is opaque to the cache", "build-cache", ["opaque", "command string"]),
    ("buildx and cache mounts", "build-cache", ["buildx", "cache mounts", "--mount=type=cache"]),
    (
        "ENTRYPOINT versus CMD and their overrides",
        "entrypoint-cmd",
        ["ENTRYPOINT", "CMD", "--entrypoint", "default arguments", "exec form"],
    ),
    (
        "the ENTRYPOINT plus default subcommand pattern",
        "entrypoint-cmd",
        ['ENTRYPOINT ["python", "-m", "app"]', 'CMD ["serve"]', "docker run img migrate"],
    ),
    ("PID 1 signal semantics", "pid1-signals", ["PID 1", "SIGTERM", "not forward", "graceful"]),
    (
        "init solutions: --init, tini, dumb-init, app handlers",
        "pid1-signals",
        ["docker run --init", "tini", "dumb-init", "handler"],
    ),
    ("graceful shutdown during rolling updates", "pid1-signals", ["Kubernetes", "rolling update"]),
    ("apps log to stdout and stderr", "logging", ["stdout", "stderr", "ephemeral"]),
    (
        "Docker logging drivers",
        "logging",
        ["json-file", "syslog", "journald", "fluentd", "awslogs", "gelf", "splunk"],
    ),
    (
        "the Kubernetes log pipeline",
        "logging",
        ["kubelet", "Fluent Bit", "Vector", "Loki", "Elasticsearch", "CloudWatch"],
    ),
    ("storage drivers old and new", "storage-drivers", ["overlay2", "aufs", "devicemapper", "btrfs"]),
    ("the layer limit and squashing", "storage-drivers", ["125", "--squash", "flatten"]),
    (
        "containers are not strong security boundaries",
        "security-model",
        ["strong security boundary", "shares one kernel"],
    ),
    (
        "the main container risks",
        "security-model",
        ["kernel exploit", "--privileged", "docker.sock", "host takeover", "user namespaces"],
    ),
    (
        "hardening measures",
        "security-model",
        [
            "non-root",
            "--read-only",
            "tmpfs",
            "--cap-drop",
            "seccomp",
            "distroless",
            "scratch",
            "cosign",
            "Trivy",
            "Grype",
        ],
    ),
    ("stronger isolation runtimes", "security-model", ["gVisor", "Kata Containers", "Firecracker"]),
    (
        "the production readiness list",
        "production-readiness",
        [
            "non-root",
            "digest",
            "HEALTHCHECK",
            "liveness",
            "graceful shutdown",
            "resource limits",
            "stdout",
            "secrets",
            "scanned and signed",
            "layers minimised",
        ],
    ),
    (
        "multi-stage builds and COPY --from",
        "multi-stage",
        [
            "several `FROM` instructions",
            "COPY --from",
            "small production image that holds the binary and nothing else",
        ],
    ),
    (
        "BuildKit builds only the stages the target needs",
        "multi-stage",
        ["23.0", "only the stages the target depends on", "legacy builder"],
    ),
    (
        "cache mounts and secret mounts",
        "multi-stage",
        ["--mount=type=cache,target=/root/.npm", "type=secret,id=npm_token", "never written into a layer"],
    ),
    (
        "the three-stage Node pattern",
        "multi-stage",
        ["deps", "npm ci", "tsc", "vite build", "dist/", "150 MB"],
    ),
    (
        "multi-stage gotchas",
        "multi-stage",
        [
            "--chown=1000:1000",
            "npm prune --omit=dev",
            "type=gha",
            "DOCKER_BUILDKIT=1",
            "dockerfile:1.2",
            "COPY . .",
        ],
    ),
    (
        "handling a private npm token",
        "multi-stage",
        ["ARG", "ENV", "--secret id=npm_token,env=NPM_TOKEN", "docker history"],
    ),
    (
        "distroless images and their security thesis",
        "base-images",
        [
            "distroless",
            "no shell",
            "signal-to-noise",
            "attack surface",
            "static-debian12",
            "Knative",
            "Tekton",
            "v1.15",
        ],
    ),
    ("image sizes", "base-images", ["unpacked", "2 MB", "8 MB", "1 GB", "240 MB", "150 MB"]),
    ("Alpine, musl and native modules", "base-images", ["musl", "glibc", "bcrypt", "sharp", "canvas"]),
    ("debugging distroless", "base-images", [":debug", "busybox", "kubectl debug"]),
    (
        "Chainguard images and Wolfi",
        "base-images",
        ["Chainguard", "Wolfi", "cosign", "SBOM", "zero known CVEs"],
    ),
    ("distroless gotchas", "base-images", ["exec form", "65532", "nonroot"]),
    ("non-root in the Dockerfile", "runtime-hardening", ["uid 0", "USER", "useradd"]),
    (
        "runtime flags",
        "runtime-hardening",
        [
            "--read-only",
            "--cap-drop=ALL --cap-add=NET_BIND_SERVICE",
            "no-new-privileges",
            "no_new_privs",
            "seccomp=profile.json",
        ],
    ),
    (
        "Kubernetes securityContext and the restricted profile",
        "runtime-hardening",
        ["securityContext", "Pod Security Standards", "restricted"],
    ),
    (
        "non-root gotchas",
        "runtime-hardening",
        [
            "readOnlyRootFilesystem",
            "emptyDir",
            "NET_BIND_SERVICE",
            "8080",
            "runAsNonRoot",
            "allowPrivilegeEscalation",
            "CAP_SYS_ADMIN",
            "npm_config_cache",
        ],
    ),
    (
        "layer order from least to most often changed",
        "build-optimisation",
        ["least to most", "COPY package.json package-lock.json ./", "COPY . ."],
    ),
    (".dockerignore", "build-optimisation", [".dockerignore", ".git", "node_modules", ".env", "coverage"]),
    (
        "multi-arch builds with buildx",
        "build-optimisation",
        ["--platform linux/amd64,linux/arm64", "manifest list", "QEMU", "5 to 20 times", "Cross-compile"],
    ),
    (
        "build optimisation gotchas",
        "build-optimisation",
        ["lockfile", "type=gha", "type=registry", "Apple Silicon", "arm64"],
    ),
    (
        "liveness, readiness and startup probes",
        "production-checklist",
        ["liveness", "readiness", "startup", "/healthz", "downstream dependencies", "endpoints", "JVM"],
    ),
    (
        "graceful shutdown in Kubernetes",
        "production-checklist",
        ["SIGTERM", "terminationGracePeriodSeconds", "30 s", "SIGKILL", "preStop", "distroless"],
    ),
    (
        "requests and limits",
        "production-checklist",
        ["requests", "limits", "throttled", "OOM-killed", "p95", "1.5 to 2"],
    ),
    (
        "structured JSON logs",
        "production-checklist",
        ["structured JSON", "traceId", "Loki", "Datadog", "CloudWatch"],
    ),
    (
        "no secrets in the image",
        "production-checklist",
        ["--mount=type=secret", "Secrets Manager", "CSI driver", "Vault"],
    ),
    (
        "scanning, SBOM and signing",
        "production-checklist",
        ["Trivy", "HIGH or CRITICAL", "SBOM", "cosign sign", "keyless", "OIDC", "Kyverno", "Connaisseur"],
    ),
    ("pinned base by tag and digest", "production-checklist", ["node:22.12.0-bookworm-slim@sha256"]),
    (
        "anti-patterns",
        "anti-patterns",
        [
            "NFS",
            "environment variables",
            "docker exec",
            "--privileged",
            "/var/run/docker.sock",
            "Compose file",
        ],
    ),
    ("container versus VM", "interview-questions", ["shared kernel", "namespaces", "cgroups", "hypervisor"]),
    ("container processes on the host", "interview-questions", ["ps -ef", "PID namespace"]),
    ("layered filesystem", "interview-questions", ["Copy-on-write", "writable layer"]),
    ("why latest is bad", "interview-questions", ["latest", "reproducible"]),
    (
        "shrinking a bloated image",
        "interview-questions",
        ["Multi-stage", "distroless", ".dockerignore", "deduplicated", "same"],
    ),
    ("random OOM kills", "interview-questions", ["OOMKilled", "--memory-swap", "--max-old-space-size"]),
    ("SIGTERM not delivered", "interview-questions", ["PID 1", "docker run --init"]),
    ("apt clean-up in the same RUN", "interview-questions", ["rm -rf /var/lib/apt/lists/*", "same `RUN`"]),
    (
        "the sidecar pattern",
        "interview-questions",
        ["sidecar", "same pod", "proxy", "log shipper", "encryption"],
    ),
    (
        "multi-arch images",
        "interview-questions",
        ["docker buildx build --platform linux/amd64,linux/arm64 --push"],
    ),
]

# Topics interviewers ask that the seed left out (issue 16): the section that teaches each one and
# phrases it must contain, matched like SEED_TOPICS.
INTERVIEW_TOPICS: list[tuple[str, str, list[str]]] = [
    (
        "bridge networking wire by wire",
        "container-networking",
        ["docker0", "veth pair", "MASQUERADE", "DNAT", "docker-proxy", "nftables"],
    ),
    (
        "port publishing and EXPOSE",
        "container-networking",
        ["EXPOSE", "-p 127.0.0.1:8080:80", "-P", "DOCKER-USER"],
    ),
    (
        "embedded DNS on user-defined networks",
        "container-networking",
        ["127.0.0.11", "default bridge", "--link"],
    ),
    (
        "network drivers",
        "container-networking",
        ["bridge", "host", "none", "overlay", "macvlan", "ipvlan", "pause"],
    ),
    (
        "named volumes, bind mounts and tmpfs",
        "volumes-storage",
        ["named volume", "bind mount", "tmpfs", "--mount"],
    ),
    (
        "volume permissions and uid mapping",
        "volumes-storage",
        ["uid", ":z", ":Z", "fsGroup", "user namespaces"],
    ),
    ("VOLUME in a Dockerfile", "volumes-storage", ["VOLUME /data", "anonymous volume", "legacy builder"]),
    ("volume backup and restore", "volumes-storage", ["backup", "restore", "pg_dump", "docker volume prune"]),
    (
        "restart policies",
        "container-operations",
        ["on-failure", "always", "unless-stopped", "100 ms", "live-restore"],
    ),
    (
        "resource limits and what OOM looks like",
        "container-operations",
        [
            "--memory",
            "--memory-swap",
            "--cpus",
            "--cpu-shares",
            "--pids-limit",
            "--ulimit",
            "OOMKilled",
            "137",
        ],
    ),
    (
        "observing containers",
        "container-operations",
        ["docker stats", "docker events", "docker inspect", "docker logs", "max-size"],
    ),
    (
        "save/load versus export/import and commit",
        "images-as-files",
        ["docker commit", "docker save", "docker load", "docker export", "docker import", "--change"],
    ),
    ("reading docker history", "images-as-files", ["docker history", "<missing>", "--no-trunc", "dive"]),
    ("compressed versus unpacked image sizes", "images-as-files", ["compressed", "unpacked", "CONTENT SIZE"]),
    (
        "registry authentication and credential helpers",
        "registries",
        ["docker login", "config.json", "base64", "credsStore", "credHelpers", "--password-stdin"],
    ),
    (
        "rate limits, mirrors and pull-through caches",
        "registries",
        ["rate limit", "toomanyrequests", "registry-mirrors", "pull-through cache", "hosts.toml"],
    ),
    ("digests on pull", "registries", ["by digest", "immutable", "garbage collection"]),
    (
        "Content Trust and its successors",
        "registries",
        ["Content Trust", "Notary", "cosign", "Notation", "Rekor"],
    ),
    (
        "DinD versus the socket",
        "docker-in-ci",
        ["Docker-in-Docker", "docker.sock", "root on the host", "--privileged"],
    ),
    ("rootless builders", "docker-in-ci", ["BuildKit rootless", "Kaniko", "Buildah"]),
    (
        "build cache export to a registry",
        "docker-in-ci",
        ["--cache-to", "type=registry", "mode=max", "type=gha", "type=inline"],
    ),
    ("Testcontainers", "docker-in-ci", ["Testcontainers", "Ryuk", "random host ports"]),
    (
        "Compose services, networks and volumes",
        "compose",
        ["docker compose", "compose.yaml", "services", "networks", "volumes", "service name"],
    ),
    ("depends_on with service_healthy", "compose", ["depends_on", "service_healthy", "healthcheck"]),
    (
        "profiles, override files, env files and secrets",
        "compose",
        ["profiles", "compose.override.yaml", ".env", "env_file", "/run/secrets/"],
    ),
    ("where Compose stops", "compose", ["one Docker engine", "orchestrator", "Kubernetes", "Swarm"]),
    (
        "AppArmor and SELinux labels",
        "security-profiles",
        ["AppArmor", "docker-default", "SELinux", "container_t", "MCS"],
    ),
    (
        "a custom seccomp profile",
        "security-profiles",
        ["defaultAction", "SCMP_ACT_ERRNO", "SCMP_ACT_LOG", "Localhost"],
    ),
    (
        "rootless mode and its limits",
        "security-profiles",
        ["rootless", "RootlessKit", "/etc/subuid", "slirp4netns", "userns-remap"],
    ),
    (
        "cgroup v2 controllers",
        "security-profiles",
        ["cgroup v2", "cpu.max", "cpu.weight", "memory.high", "io.max", "pids.max", "delegated"],
    ),
    (
        "the Linux VM of Docker Desktop",
        "docker-desktop",
        ["Linux virtual machine", "Virtualization framework", "WSL 2", "Hyper-V", "desktop-linux"],
    ),
    (
        "file-sharing performance",
        "docker-desktop",
        ["VirtioFS", "many small files", "named volume", "/mnt/c"],
    ),
    ("host.docker.internal", "docker-desktop", ["host.docker.internal", "host-gateway", "localhost"]),
    (
        "lazy pulling",
        "image-internals",
        ["eStargz", "SOCI", "Nydus", "snapshotter", "range requests", "run-time dependency", "pre-pulling"],
    ),
    (
        "reproducible builds",
        "build-optimisation",
        ["SOURCE_DATE_EPOCH", "rewrite-timestamp=true", "snapshot.debian.org", "--checksum", "diffoscope"],
    ),
]
NEW_SECTIONS = sorted({section_id for _, section_id, _ in INTERVIEW_TOPICS})


@pytest.mark.parametrize(
    ("topic", "section_id", "phrases"), INTERVIEW_TOPICS, ids=[topic for topic, _, _ in INTERVIEW_TOPICS]
)
def test_every_interview_topic_is_taught_in_its_section(bodies, topic, section_id, phrases):
    body = bodies[section_id]
    missing = [phrase for phrase in phrases if not _contains(body, phrase)]
    assert missing == [], f"section {section_id} does not teach {topic!r}: missing {missing}"


def test_new_sections_have_cards_of_several_types_and_two_questions(pack):
    for section_id in NEW_SECTIONS:
        card_types = {card.type for card in pack.cards if card.section == section_id}
        assert {"cloze", "type_in", "choice"} <= card_types, (section_id, card_types)
        assert card_types & {"basic", "reversed"}, (section_id, card_types)
        assert len(card_types) >= 5, (section_id, card_types)
        questions = [question for question in pack.questions if question.section == section_id]
        assert len(questions) >= 2, section_id


def test_choice_cards_explain_every_option(pack):
    unexplained = [
        (card.id, option.text)
        for card in pack.cards
        if card.type in ("choice", "multi_choice")
        for option in card.options
        if not option.why
    ]
    assert unexplained == []


@pytest.fixture(scope="module")
def loaded():
    return load_pack(PACK_DIR)


@pytest.fixture(scope="module")
def pack(loaded):
    assert loaded.pack is not None, [problem.message for problem in loaded.problems]
    return loaded.pack


@pytest.fixture(scope="module")
def bodies(pack) -> dict[str, str]:
    return {section.id: pack.section_body(section) for section in pack.sections}


def _contains(body: str, phrase: str) -> bool:
    body = " ".join(body.split())  # a phrase may wrap across lines
    if re.fullmatch(r"[A-Z0-9_]+", phrase):
        return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", body) is not None
    return phrase.lower() in body.lower()


def test_pack_check_reports_nothing_not_even_warnings(loaded):
    problems = check_pack(loaded)
    assert [f"{problem.level} [{problem.code}] {problem.message}" for problem in problems] == []


def test_the_required_sections_exist_in_order_with_real_pages(pack, bodies):
    ids = [section.id for section in pack.sections]
    assert len(ids) >= 27
    assert [section_id for section_id in ids if section_id in REQUIRED_SECTIONS] == REQUIRED_SECTIONS
    for section_id, body in bodies.items():
        words = len(body.split())
        assert words >= 350, f"{section_id} has only {words} words"
        assert "```" in body, f"{section_id} has no code block"
        assert "## In an interview" in body, f"{section_id} lacks its interview summary"
        assert pack.section(section_id).references, f"{section_id} has no references"


@pytest.mark.parametrize(
    ("topic", "section_id", "phrases"), SEED_TOPICS, ids=[topic for topic, _, _ in SEED_TOPICS]
)
def test_every_seed_topic_is_taught_in_its_section(bodies, topic, section_id, phrases):
    body = bodies[section_id]
    missing = [phrase for phrase in phrases if not _contains(body, phrase)]
    assert missing == [], f"section {section_id} does not teach {topic!r}: missing {missing}"


def test_seed_topics_cover_every_required_section():
    assert {section_id for _, section_id, _ in SEED_TOPICS} == set(REQUIRED_SECTIONS)


def test_cards_count_types_and_section_coverage(pack):
    cards = pack.cards
    assert len(cards) >= 320
    assert {card.type for card in cards} == CARD_TYPES
    per_section = Counter(card.section for card in cards)
    thin = {section.id: per_section[section.id] for section in pack.sections if per_section[section.id] < 5}
    assert thin == {}, f"sections with fewer than five cards: {thin}"
    assert all(card.tags for card in cards), "every card is tagged by topic"
    assert all(card.difficulty for card in cards), "every card has a difficulty"


def test_questions_count_and_levels(pack):
    questions = pack.questions
    assert len(questions) >= 80
    assert {question.level for question in questions} == {"junior", "mid", "senior"}
    for question in questions:
        assert 3 <= len(question.key_points) <= 6, question.id
        assert question.misconceptions and question.follow_ups, question.id
        # The matcher looks for an alias's meaningful words within one clause, in any order, so
        # its function words cost nothing; more than six meaningful words rarely fit one clause.
        aliases = [alias for point in question.key_points for alias in point.aliases]
        long_aliases = [alias for alias in aliases if len(content_stems(alias)) > 6]
        assert long_aliases == [], (
            f"{question.id} has aliases too long to be found in a paraphrase: {long_aliases}"
        )
        # An alias of only function words ("doesn't have") would be found in almost any answer.
        empty_aliases = [
            alias
            for alias in aliases
            if not content_stems(alias)
            and alias.isascii()
            and alias.replace("'", "").replace(" ", "").isalpha()
        ]
        assert empty_aliases == [], f"{question.id} has aliases with no meaningful word: {empty_aliases}"


def test_every_model_answer_gets_full_marks(pack):
    shortfalls = {}
    for question in pack.questions:
        grade = grade_question(question, question.model_answer)
        if grade.score < 0.999 or grade.missed or grade.misconceptions:
            shortfalls[question.id] = (round(grade.score, 3), grade.missed, list(grade.misconceptions))
    assert shortfalls == {}


def test_seed_questions_are_all_asked(pack):
    prompts = " ".join(question.prompt.lower() for question in pack.questions)
    for words in [
        ("container", "virtual machine"),
        ("processes", "host"),
        ("layered filesystem",),
        ("latest",),
        ("1.5 gb",),
        ("oom",),
        ("sigterm",),
        ("apt-get install",),
        ("sidecar",),
        ("multi-architecture",),
        ("typescript", "node.js", "three stages"),
        ("npm registry", "token"),
    ]:
        assert all(word in prompts for word in words), f"no question asks about {words}"


def test_drills_count_and_difficulty_spread(pack):
    drills = pack.drills
    assert len(drills) >= 26
    assert Counter(drill.difficulty for drill in drills).keys() == {"easy", "medium", "hard"}
    assert all(drill.hints and drill.counterexamples for drill in drills)


def test_every_drill_proves_itself_with_several_idioms_and_look_alikes(pack):
    thin = [
        (drill.id, len(drill.alternatives), len(drill.counterexamples))
        for drill in pack.drills
        if len(drill.alternatives) < 3 or len(drill.counterexamples) < 5
    ]
    assert not thin, thin


def test_solutions_pass_starters_fail_counterexamples_fail_exactly(pack):
    for drill in pack.drills:
        ignore = drill.context.solution_dockerignore if drill.context is not None else None
        solution = check_drill(drill, pack.drill_text(drill.solution), dockerignore=ignore)
        assert solution.passed and not solution.unmet, (drill.id, [(r.id, r.reason) for r in solution.unmet])
        assert not check_drill(drill, pack.drill_text(drill.starter)).passed, drill.id
        for example in drill.counterexamples:
            built = _check_with_ignore(drill, pack.drill_text(example.file), example.dockerignore)
            failed = {result.id for result in built.unmet}
            assert failed == set(example.must_fail), (drill.id, example.file, failed)


def _check_with_ignore(drill, text, dockerignore):
    """A counterexample or alternative built as pack check builds it: with its own .dockerignore when it sets one."""
    if dockerignore is None:
        return check_drill(drill, text)
    return check_drill(drill, text, dockerignore=dockerignore)


def test_alternative_solutions_pass_too(pack):
    raw = yaml.safe_load((PACK_DIR / "drills.yaml").read_text(encoding="utf-8"))["drills"]
    alternatives = {entry["id"]: [alt["file"] for alt in entry.get("alternatives", [])] for entry in raw}
    assert any(alternatives.values())
    for drill in pack.drills:
        assert [alt.file for alt in drill.alternatives] == alternatives[drill.id]
        for alternative in drill.alternatives:
            result = _check_with_ignore(drill, pack.drill_text(alternative.file), alternative.dockerignore)
            assert result.passed and not result.unmet, (
                drill.id,
                alternative.file,
                [(r.id, r.reason) for r in result.unmet],
            )


def test_drill_solutions_have_no_lint_findings_at_warning_or_above(pack):
    for drill in pack.drills:
        ignore = drill.context.solution_dockerignore if drill.context is not None else None
        findings = check_drill(drill, pack.drill_text(drill.solution), dockerignore=ignore).findings
        serious = [
            (finding.code, finding.line) for finding in findings if finding.level in ("warning", "error")
        ]
        assert serious == [], (drill.id, serious)


# Short paraphrases a candidate might type (good) and on-topic wrong answers (bad): the aliases must
# credit the first and the misconceptions must catch the second.
PARAPHRASES: dict[str, tuple[str, str]] = {
    "q-arg-vs-env": (
        (
            "ARG is only available at build time, ENV is also set when the container runs. ARG can be passed "
            "with --build-arg. Don't put secrets in either since they show up in docker history or inspect."
        ),
        (
            "ENV is only available during the build, and ARG values are not stored anywhere, so ARG is good "
            "for passwords."
        ),
    ),
    "q-container-vs-vm": (
        (
            "A VM has its own guest OS kernel on top of a hypervisor that emulates hardware. Containers are "
            "just processes sharing the host's kernel, isolated by namespaces and limited by cgroups. So "
            "containers are lighter and start faster but isolation is weaker."
        ),
        (
            "A container is a lightweight VM with its own kernel, and containers are more secure than VMs "
            "because they are smaller."
        ),
    ),
    "q-copy-vs-add": (
        (
            "COPY just copies files from the build context. ADD can also extract tar files and fetch remote "
            "URLs. Best practice is to use COPY unless you need the tar extraction."
        ),
        "ADD is faster than COPY so use ADD everywhere.",
    ),
    "q-latest-tag": (
        (
            "Because latest is mutable - it gets moved to new builds, so you can't reproduce a deploy or know "
            "which version is running, and rollbacks are hard. Pin a version tag plus the digest."
        ),
        (
            "latest is fine, it is always the newest stable release, and it is updated automatically on "
            "running containers."
        ),
    ),
    "q-layer-order": (
        (
            "Because of caching. If you copy all the source first, any code change invalidates the cache and "
            "npm ci runs again. Copying package.json and package-lock.json first means the npm ci layer stays "
            "cached until dependencies change. Put the things that change least at the top."
        ),
        (
            "The order of instructions does not matter, Docker figures it out. Copy everything first so npm "
            "has all files."
        ),
    ),
    "q-namespaces-vs-cgroups": (
        (
            "Namespaces isolate what a process can see - its own PIDs, network, mounts, hostname. Cgroups "
            "limit how much of the resources it can use, like CPU and memory. If you go over the memory limit "
            "you get OOM killed, CPU gets throttled."
        ),
        (
            "They are basically the same thing, both are Docker features for containers. Namespaces limit "
            "memory and cgroups isolate the network."
        ),
    ),
    "q-oom-kills": (
        (
            "Check kubectl describe for OOMKilled / exit code 137. Look at the actual memory usage in metrics "
            "over time. Then set requests and limits properly with headroom. For Node set "
            "--max-old-space-size under the limit, for Java MaxRAMPercentage. Check for memory leaks."
        ),
        (
            "Just set memory-swap -1 which disables swap, and raise the CPU limit because cpu limits cause "
            "oom kills."
        ),
    ),
    "q-lazy-pulling": (
        (
            "With lazy pulling the node doesn't wait for the full download: a snapshotter plugin for containerd "
            "mounts the image right away and pulls each file's bytes on demand with range requests. eStargz "
            "converts the layers but they remain ordinary gzip tarballs, SOCI adds a separate index next to "
            "the unchanged image, and Nydus has its own chunked format. Worth it when the app reads only a "
            "fraction of a multi-gigabyte image; the catch is that you depend on the registry while the "
            "container runs."
        ),
        (
            "Lazy pulling makes the image smaller, and SOCI requires rebuilding the image, so it is only for "
            "new projects."
        ),
    ),
    "q-reproducible-builds": (
        (
            "The goal is a byte-identical image, the same digest, when someone else rebuilds the commit. Pass "
            "SOURCE_DATE_EPOCH from the commit time for the config dates and rewrite-timestamp=true so the file "
            "mtimes in the layers are clamped. Pin the base image by digest, install exact package versions, "
            "use a lockfile. Then build twice without cache and compare the digests."
        ),
        "Pinning the base image digest is enough for a reproducible build; nothing else changes.",
    ),
    "q-probes": (
        (
            "Liveness: if it fails, kubelet restarts the container; keep it simple and don't check the "
            "database or you'll get cascading restarts. Readiness: if it fails the pod is taken out of the "
            "service endpoints so no traffic goes to it, no restart. Startup probe: for slow starting apps, "
            "disables the other probes until the app has started."
        ),
        (
            "They are all the same thing basically. A readiness failure restarts the pod, and liveness should "
            "check the database so we know the app works."
        ),
    ),
}


@pytest.mark.parametrize("question_id", sorted(PARAPHRASES))
def test_paraphrases_are_credited_and_wrong_answers_caught(pack, question_id):
    good, bad = PARAPHRASES[question_id]
    question = pack.item(question_id)
    good_grade, bad_grade = grade_question(question, good), grade_question(question, bad)
    assert good_grade.misconceptions == (), good_grade.misconceptions
    assert good_grade.coverage >= 0.6, (good_grade.score, good_grade.missed)
    assert bad_grade.misconceptions, "the wrong answer names no misconception"
    assert good_grade.score >= bad_grade.score + 0.4
