"""deploy/kubernetes/: valid against the Kubernetes API schemas, secure by checkov's checks, and
consistent with the image (tests/test_deploy_docker.py runs the image the way these run it).

Offline: kubernetes-validate ships its schemas; checkov runs with --skip-download (and, as root,
in a network namespace of its own with no network at all, so a lookup would fail the test).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.container import CACHE, machine_lock
from tests.servers import ROOT

MANIFESTS = ROOT / "deploy" / "kubernetes"
KUSTOMIZATION = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text())
FILES = sorted(p.name for p in MANIFESTS.glob("*.yaml") if p.name != "kustomization.yaml")
DOCS = {name: [d for d in yaml.safe_load_all((MANIFESTS / name).read_text()) if d] for name in FILES}
BY_KIND = {d["kind"]: d for docs in DOCS.values() for d in docs}
# The oldest Kubernetes the manifests are meant for (autoscaling/v2 behaviour, policy/v1, the
# restricted Pod Security labels are all older), and the newest whose schemas kubernetes-validate ships.
VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _container() -> dict:
    return BY_KIND["Deployment"]["spec"]["template"]["spec"]["containers"][0]


def test_the_kustomization_only_lists_the_plain_files() -> None:
    # No generators, patches or transformers: what CI validates is what `kubectl apply -k` applies.
    assert set(KUSTOMIZATION) == {"apiVersion", "kind", "resources"}
    assert sorted(KUSTOMIZATION["resources"]) == FILES
    assert all(len(docs) == 1 for docs in DOCS.values())
    assert sorted(BY_KIND) == [
        "Deployment",
        "HorizontalPodAutoscaler",
        "Ingress",
        "Namespace",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "Service",
    ]
    for doc in BY_KIND.values():  # nothing lands in the default namespace
        assert doc["metadata"].get("namespace", doc["metadata"]["name"]) == "mirocals"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", FILES)
def test_each_manifest_is_valid_against_the_api_schema(name: str, version: str) -> None:
    for doc in DOCS[name]:
        # strict: an unknown field (a typo, or a field that does not exist) is an error too
        kubernetes_validate.validate(doc, version, strict=True)


def test_a_misspelt_field_is_caught() -> None:
    broken = json.loads(json.dumps(BY_KIND["Deployment"]))
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)


def test_the_pod_runs_the_image_as_the_container_test_does() -> None:
    uid = int(re.search(r"useradd [^\n]*--uid (\d+)", DOCKERFILE).group(1))
    gid = int(re.search(r"groupadd [^\n]*--gid (\d+)", DOCKERFILE).group(1))
    pod = BY_KIND["Deployment"]["spec"]["template"]["spec"]
    container = _container()
    for context in (pod["securityContext"], container["securityContext"]):
        assert context["runAsNonRoot"] is True and context["runAsUser"] == uid
        assert context["runAsGroup"] == gid and context["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["securityContext"]["fsGroup"] == gid
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"] == {"drop": ["ALL"]}
    assert pod["automountServiceAccountToken"] is False
    # What it writes goes to /tmp, an emptyDir on disk (a memory-backed one would count against
    # the memory limit), as in the container test's tmpfs.
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "medium" not in volumes[mounts["/tmp"]["name"]]["emptyDir"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["XDG_CACHE_HOME"].startswith("/tmp/") and env["MPLCONFIGDIR"].startswith("/tmp/")
    # The cookie secret: a file from the Secret, never an environment value.
    assert "STREAMLIT_SERVER_COOKIE_SECRET" not in env
    secret_file = Path(env["MIROCALS_COOKIE_SECRET_FILE"])
    mount = mounts[str(secret_file.parent)]
    assert mount["readOnly"] is True
    secret = volumes[mount["name"]]["secret"]
    assert secret["secretName"] == "mirocals-cookie-secret"
    assert [i["path"] for i in secret["items"]] == [secret_file.name]
    assert secret["defaultMode"] & 0o007 == 0  # not readable by others
    assert (
        "kubectl -n mirocals create secret generic mirocals-cookie-secret"
        in (MANIFESTS / "kustomization.yaml").read_text()
    )
    # The image's port, and its health endpoint for every probe.
    exposed = int(re.search(r"^EXPOSE (\d+)", DOCKERFILE, re.M).group(1))
    assert container["ports"] == [{"name": "http", "containerPort": exposed, "protocol": "TCP"}]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}, probe


def test_probes_give_the_warm_up_time_and_restart_only_a_stuck_pod() -> None:
    container = _container()
    startup, ready, live = (container[p] for p in ("startupProbe", "readinessProbe", "livenessProbe"))
    budget = lambda probe: probe["periodSeconds"] * probe["failureThreshold"]  # noqa: E731
    # The warm-up took 13-15 s in the container test on 2 shared cores; allow far more.
    assert budget(startup) >= 120
    assert budget(live) >= 60 > budget(ready)  # out of rotation quickly, restarted only when stuck
    assert live["timeoutSeconds"] >= ready["timeoutSeconds"]


def test_resources_hold_one_warm_replica_and_its_visitors() -> None:
    resources = _container()["resources"]
    mib = lambda q: int(q[:-2]) * (1024 if q.endswith("Gi") else 1)  # noqa: E731
    # Measured in the container: 234-244 MiB warm, 251 MiB with 100 sessions opened at once.
    assert 300 <= mib(resources["requests"]["memory"]) <= mib(resources["limits"]["memory"]) // 2
    assert resources["requests"]["cpu"] == "1"  # one Python process: about one core at most
    assert "Sizing, from the benchmarks" in (MANIFESTS / "deployment.yaml").read_text()


def test_service_ingress_autoscaler_and_budget_point_at_the_pods() -> None:
    labels = BY_KIND["Deployment"]["spec"]["template"]["metadata"]["labels"]
    selects = lambda selector: all(labels.get(k) == v for k, v in selector.items())  # noqa: E731
    service = BY_KIND["Service"]
    assert selects(service["spec"]["selector"])
    assert selects(BY_KIND["Deployment"]["spec"]["selector"]["matchLabels"])
    assert selects(BY_KIND["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"])
    assert selects(BY_KIND["NetworkPolicy"]["spec"]["podSelector"]["matchLabels"])
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    backend = BY_KIND["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": service["spec"]["ports"][0]["name"]}}
    assert BY_KIND["Ingress"]["spec"]["ingressClassName"] == "traefik"
    target = BY_KIND["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", BY_KIND["Deployment"]["metadata"]["name"])
    hpa = BY_KIND["HorizontalPodAutoscaler"]["spec"]
    assert hpa["minReplicas"] >= 2  # a replica can fail while another serves
    assert hpa["behavior"]["scaleDown"]["stabilizationWindowSeconds"] >= 300  # scaling in ends sessions


def test_sessions_stick_to_one_pod_with_traefiks_cookie() -> None:
    annotations = BY_KIND["Service"]["metadata"]["annotations"]
    prefix = "traefik.ingress.kubernetes.io/service.sticky.cookie"
    assert annotations[prefix] == "true"
    assert annotations[f"{prefix}.secure"] == "true" and annotations[f"{prefix}.httponly"] == "true"
    # The same cookie name as deploy/nginx.conf's sticky hash, so the README's account holds for both.
    assert annotations[f"{prefix}.name"] == "mirocals_replica"
    assert "mirocals_replica" in (ROOT / "deploy" / "nginx.conf").read_text()
    assert BY_KIND["Ingress"]["metadata"]["annotations"]["traefik.ingress.kubernetes.io/router.tls"] == "true"


def test_no_traffic_leaves_the_pods() -> None:
    policy = BY_KIND["NetworkPolicy"]["spec"]
    assert sorted(policy["policyTypes"]) == ["Egress", "Ingress"] and policy["egress"] == []
    assert [p["port"] for rule in policy["ingress"] for p in rule["ports"]] == ["http"]


def test_the_namespace_enforces_the_restricted_pod_security_standard() -> None:
    labels = BY_KIND["Namespace"]["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


def test_the_image_leaves_the_manifests_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "deploy/kubernetes/" in ignored


# --- checkov -------------------------------------------------------------------------------------

REQUIREMENTS = ROOT / "requirements-checkov.txt"
PINNED = re.search(r"^checkov==(\S+)", REQUIREMENTS.read_text(), re.M).group(1)
SKIPS = {"CKV_K8S_43"}  # image digest: deployment.yaml's checkov.io/skip1 annotation says why


@pytest.fixture(scope="module")
def checkov() -> Path:
    """checkov as requirements-checkov.txt pins it, in a virtual environment of its own (cached)."""
    key = hashlib.sha256(REQUIREMENTS.read_bytes() + sys.version.split()[0].encode()).hexdigest()[:16]
    venv = CACHE / "checkov" / key
    executable = venv / "bin" / "checkov"
    with machine_lock(name="checkov"):
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
            made = subprocess.run(
                [
                    str(venv / "bin" / "pip"),
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                    str(REQUIREMENTS),
                ],
                capture_output=True,
                text=True,
                timeout=1200,
            )
            if made.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                pytest.skip(
                    f"checkov {PINNED} could not be installed from the package index: {made.stderr.strip()[-400:]}"
                )
            (venv / ".complete").write_text("")
    return executable


def _offline() -> list[str]:
    """A network namespace with no network, where this user may make one."""
    unshare = shutil.which("unshare")
    if os.geteuid() == 0 and unshare and subprocess.run([unshare, "-n", "true"]).returncode == 0:
        return [unshare, "-n"]
    return []


def test_checkov_finds_no_security_problem(checkov: Path) -> None:
    result = subprocess.run(
        [
            *_offline(),
            str(checkov),
            "--directory",
            str(MANIFESTS),
            "--framework",
            "kubernetes",
            "--skip-download",
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["checkov_version"] == PINNED
    assert report["summary"]["parsing_errors"] == 0
    failed = [(c["check_id"], c["check_name"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert failed == [] and result.returncode == 0, failed
    skipped = {c["check_id"]: c["check_result"].get("suppress_comment") for c in report["results"]["skipped_checks"]}
    assert set(skipped) == SKIPS and all(skipped.values())  # every skip is written down, with its reason
    passed = {c["check_id"] for c in report["results"]["passed_checks"]}
    # It did look: the settings this deployment relies on were each checked and passed.
    assert {
        "CKV_K8S_8",
        "CKV_K8S_9",  # liveness and readiness probes
        "CKV_K8S_20",
        "CKV_K8S_22",
        "CKV_K8S_23",
        "CKV_K8S_28",
        "CKV_K8S_37",
        "CKV_K8S_40",  # escalation, read-only root, root, capabilities, uid
        "CKV_K8S_10",
        "CKV_K8S_11",
        "CKV_K8S_12",
        "CKV_K8S_13",  # cpu and memory requests and limits
        "CKV_K8S_21",
        "CKV_K8S_31",
        "CKV_K8S_35",
        "CKV_K8S_38",
    } <= passed  # namespace, seccomp, secret as file, token


def test_kubectl_renders_exactly_the_plain_files(tmp_path: Path) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip(
            "kubectl is not installed, so `kubectl kustomize` cannot render deploy/kubernetes "
            "(the kustomization lists the files and nothing else: test_the_kustomization_only_lists_the_plain_files)"
        )
    rendered = subprocess.run([kubectl, "kustomize", str(MANIFESTS)], capture_output=True, text=True, timeout=120)
    assert rendered.returncode == 0, rendered.stderr
    docs = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(rendered.stdout) if d}
    assert docs == {(d["kind"], d["metadata"]["name"]): d for d in BY_KIND.values()}


def test_the_readme_creates_what_the_manifests_use() -> None:
    readme = (ROOT / "README.md").read_text()
    deploying = readme[readme.index("## Deploying") :]
    secret = next(v["secret"] for v in BY_KIND["Deployment"]["spec"]["template"]["spec"]["volumes"] if "secret" in v)
    namespace = BY_KIND["Namespace"]["metadata"]["name"]
    assert f"kubectl create namespace {namespace}" in deploying
    assert (
        f"kubectl -n {namespace} create secret generic {secret['secretName']}" in deploying
        and f"--from-literal={secret['items'][0]['key']}=" in deploying
    )
    assert "kubectl apply -k deploy/kubernetes" in deploying
    assert BY_KIND["Ingress"]["spec"]["tls"][0]["secretName"] in deploying
