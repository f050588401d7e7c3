#!/usr/bin/python3
"""Checks the Kubernetes manifests in deploy/k8s against what the servers need.

    check_manifests.py K8S_DIR

Renders every overlay in K8S_DIR/overlays with `kubectl kustomize` (kubectl from $KUBECTL, else
PATH) and checks each server's StatefulSet: one replica, native gRPC probes on its port and health
name, the data dir on the volume claim, the listen address reachable by the probes, a non-root
read-only container, resource requests and limits, a grace period longer than the server's drain,
Services that reach the pods, and the addresses of the servers it calls naming their Services. The
NetworkPolicies are tried on the suite deployed in two provinces' namespaces, with clients, other
pods, look-alikes outside the provinces, DNS and the internet: exactly the calls of the suite must
get through. The prod overlay must also have a PodDisruptionBudget, a storage class and a pinned
image. Without kubectl the base's files are checked as written, and a note says that the overlays
were not rendered. Exits 1 listing every problem found.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

sys.dont_write_bytecode = True  # keep the source tree clean when run as a test
from network_policy import Endpoint, allowed  # noqa: E402
from suite import CALLS, CROSS_PROVINCE_CALLS, SERVERS  # noqa: E402

# What the NetworkPolicies (deploy/k8s/base/network-policies.yaml) tell pods and namespaces by.
SUITE_LABELS = {"app.kubernetes.io/part-of": "haicap"}  # the base's commonLabels
PROVINCE_LABEL = "haicap/province"  # on each province's namespace, the province code
CLIENT_LABELS = {"haicap/client": "true"}  # on the pods of clients (haicapctl, ...)
DNS_PORT = 53
DEFAULT_GRACE_SECONDS = 10  # the servers' --grace-seconds default
QUANTITY_SUFFIXES = {"m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
                     "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}


def quantity(text):
    """A Kubernetes quantity ("250m", "2", "512Mi") as a number."""
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)", str(text))
    if not match or match.group(2) not in QUANTITY_SUFFIXES:
        raise ValueError(f"not a quantity: {text!r}")
    return float(match.group(1)) * QUANTITY_SUFFIXES[match.group(2)]


def env_of(container):
    return {item["name"]: item.get("value") for item in container.get("env", [])}


def selects(selector, labels):
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


def check_probes(container, server, problems):
    for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
        grpc = (container.get(kind) or {}).get("grpc") or {}
        if grpc.get("port") != server["port"] or grpc.get("service") != server["health"]:
            problems.append(f"{kind} must be grpc {{port: {server['port']}, "
                            f"service: {server['health']}}}, found {container.get(kind)}")


def check_listen(env, server, problems):
    listen = env.get("HAICAP_LISTEN") or ""
    host, _, port = listen.rpartition(":")
    if port != str(server["port"]) or host not in ("0.0.0.0", "[::]"):
        problems.append(f"HAICAP_LISTEN must be 0.0.0.0:{server['port']} (or [::]) so probes and "
                        f"Services reach it, found {listen!r}")


def check_data_volume(statefulset, pod, container, env, problems):
    claims = {claim["metadata"]["name"] for claim in statefulset["spec"].get("volumeClaimTemplates", [])}
    data_dir = env.get("HAICAP_DATA_DIR") or ""
    on_claim = [mount for mount in container.get("volumeMounts", [])
                if mount["name"] in claims and not mount.get("readOnly")
                and (data_dir + "/").startswith(mount["mountPath"].rstrip("/") + "/")]
    if not data_dir.startswith("/") or not on_claim:
        problems.append(f"HAICAP_DATA_DIR ({data_dir!r}) must lie on a writable mount of a "
                        f"volumeClaimTemplate ({sorted(claims)})")
    empty_dirs = {volume["name"] for volume in pod.get("volumes", []) if "emptyDir" in volume}
    if not any(mount["mountPath"] == "/tmp" and mount["name"] in empty_dirs
               for mount in container.get("volumeMounts", [])):
        problems.append("/tmp must be an emptyDir mount (the root filesystem is read-only)")


def check_security(pod, container, problems):
    pod_context = pod.get("securityContext") or {}
    context = {**pod_context, **(container.get("securityContext") or {})}
    if context.get("runAsNonRoot") is not True:
        problems.append("securityContext.runAsNonRoot must be true")
    if not isinstance(context.get("runAsUser"), int) or context["runAsUser"] == 0:
        problems.append("securityContext.runAsUser must be a non-root uid")
    if not isinstance(pod_context.get("fsGroup"), int):
        problems.append("pod securityContext.fsGroup must be set (the volume must be writable)")
    if context.get("readOnlyRootFilesystem") is not True:
        problems.append("securityContext.readOnlyRootFilesystem must be true")
    if context.get("allowPrivilegeEscalation") is not False:
        problems.append("securityContext.allowPrivilegeEscalation must be false")
    if "ALL" not in ((context.get("capabilities") or {}).get("drop") or []):
        problems.append("securityContext.capabilities.drop must include ALL")


def check_resources(container, problems):
    resources = container.get("resources") or {}
    requests, limits = resources.get("requests") or {}, resources.get("limits") or {}
    for name in ("cpu", "memory"):
        if name not in requests or name not in limits:
            problems.append(f"resources must have requests and limits for {name}, found {resources}")
            continue
        try:
            if quantity(requests[name]) > quantity(limits[name]):
                problems.append(f"{name} request {requests[name]} exceeds its limit {limits[name]}")
        except ValueError as error:
            problems.append(str(error))


def check_services(statefulset, pod_labels, server, services, problems):
    def reaches(service):
        return (selects(service["spec"].get("selector"), pod_labels)
                and any(port.get("name") == "grpc" and port.get("port") == server["port"]
                        for port in service["spec"].get("ports", [])))

    governing = services.get(statefulset["spec"].get("serviceName"))
    if not governing or governing["spec"].get("clusterIP") != "None" or not reaches(governing):
        problems.append("spec.serviceName must name a headless Service with port grpc "
                        f"{server['port']} selecting the pods")
    if not any(service["spec"].get("clusterIP") != "None" and reaches(service)
               for service in services.values()):
        problems.append(f"a ClusterIP Service must expose port grpc {server['port']} of the pods")


def server_containers(statefulset, server):
    return [c for c in statefulset["spec"]["template"]["spec"].get("containers", [])
            if any(p.get("containerPort") == server["port"] for p in c.get("ports", []))]


def check_server(statefulset, server, services, problems):
    spec = statefulset["spec"]
    pod = spec["template"]["spec"]
    pod_labels = spec["template"]["metadata"].get("labels") or {}
    if spec.get("replicas", 1) != 1:
        problems.append("replicas must be 1: each pod would be its own RocksDB behind one Service")
    if not selects((spec.get("selector") or {}).get("matchLabels"), pod_labels):
        problems.append("spec.selector.matchLabels must match the pod template's labels")
    containers = server_containers(statefulset, server)
    if len(containers) != 1:
        problems.append(f"exactly one container must declare containerPort {server['port']}")
        return
    container = containers[0]
    env = env_of(container)
    check_probes(container, server, problems)
    check_listen(env, server, problems)
    check_data_volume(statefulset, pod, container, env, problems)
    check_security(pod, container, problems)
    check_resources(container, problems)
    check_services(statefulset, pod_labels, server, services, problems)
    grace = int(env.get("HAICAP_GRACE_SECONDS") or DEFAULT_GRACE_SECONDS)
    if pod.get("terminationGracePeriodSeconds", 30) <= grace:
        problems.append(f"terminationGracePeriodSeconds must exceed the server's grace ({grace}s)")


def container_ports(template):
    """A pod template's named container ports: name -> number."""
    return {port["name"]: port["containerPort"] for container in template["spec"]["containers"]
            for port in container.get("ports", []) if "name" in port}


def forwards(service, template, port, container_port):
    """Whether a ClusterIP Service sends its `port` to `container_port` of the template's pods."""
    spec = service["spec"]
    if spec.get("clusterIP") == "None" or not selects(spec.get("selector"),
                                                      template["metadata"].get("labels") or {}):
        return False
    named = container_ports(template)
    return any(entry.get("port") == port
               and named.get(entry.get("targetPort", port), entry.get("targetPort", port)) == container_port
               for entry in spec.get("ports", []))


def check_addresses(statefulsets, services):
    """Each address a server is given of a server it calls is SERVICE:PORT of a ClusterIP Service
    of its own namespace (an overlay is applied to any namespace) reaching the callee."""
    problems = []
    for (caller, callee), variable in CALLS.items():
        if variable is None or caller not in statefulsets or callee not in statefulsets:
            continue
        containers = server_containers(statefulsets[caller], SERVERS[caller])
        address = (env_of(containers[0]).get(variable) if len(containers) == 1 else None) or ""
        host, _, port = address.rpartition(":")
        callee_pod = statefulsets[callee]["spec"]["template"]
        if not (host in services and port.isdigit()
                and forwards(services[host], callee_pod, int(port), SERVERS[callee]["port"])):
            problems.append(f"StatefulSet {caller}: {variable} ({address!r}) must be SERVICE:PORT of a "
                            f"ClusterIP Service reaching {callee} on {SERVERS[callee]['port']}")
    return problems


def network_endpoints(statefulsets):
    """Where the NetworkPolicies are tried: the suite in two provinces' namespaces, each with a
    client, another pod and a server added to the suite later (no policy names it yet);
    look-alikes of the suite and of a client in a namespace of no province; DNS, as a pod and as
    NodeLocal DNSCache's address; an address on the internet."""
    endpoints = []

    def pod(name, namespace, namespace_labels, labels, ports=None):
        endpoints.append(Endpoint(name, f"10.0.0.{len(endpoints) + 1}", namespace,
                                  {**namespace_labels, "kubernetes.io/metadata.name": namespace},
                                  labels, ports or {}))

    suite_pods = {name: statefulset["spec"]["template"] for name, statefulset in statefulsets.items()}
    for province in ("01", "31"):
        namespace, labels = f"haicap-{province}", {PROVINCE_LABEL: province}
        for name, template in suite_pods.items():
            pod(name, namespace, labels, template["metadata"].get("labels") or {}, container_ports(template))
        pod("client", namespace, labels, CLIENT_LABELS)
        pod("other pod", namespace, labels, {"app.kubernetes.io/name": "other"})
        pod("newcomer", namespace, labels, {**SUITE_LABELS, "app.kubernetes.io/name": "haicap-newcomer"})
    for name, template in suite_pods.items():
        pod(f"{name} look-alike", "tools", {}, template["metadata"].get("labels") or {})
    pod("client look-alike", "tools", {}, CLIENT_LABELS)
    pod("kube-dns", "kube-system", {}, {"k8s-app": "kube-dns"}, {"dns": DNS_PORT})
    endpoints.append(Endpoint("NodeLocal DNSCache", "169.254.20.10"))
    endpoints.append(Endpoint("internet", "203.0.113.7"))
    return endpoints


def in_suite(endpoint):
    """A pod of the suite in a province's namespace."""
    return ((endpoint.namespace or "").startswith("haicap-")
            and all(endpoint.labels.get(key) == value for key, value in SUITE_LABELS.items()))


def must_allow(source, destination, port, protocol):
    """Whether a connection is one of the suite's (a pod of the suite is at one end)."""
    if not in_suite(destination):
        return port == DNS_PORT
    callee = destination.name
    if callee not in SERVERS or port != SERVERS[callee]["port"] or protocol != "TCP":
        return False
    same_namespace = source.namespace == destination.namespace
    if not in_suite(source):
        return same_namespace and source.name == "client"
    return (source.name, callee) in (CALLS if same_namespace else CROSS_PROVINCE_CALLS)


def check_network(documents, statefulsets):
    """The NetworkPolicies, applied in every province's namespace, let through exactly the calls of
    the suite (seen from province 01's servers; 31's are the same)."""
    policies = [d for d in documents if d["kind"] == "NetworkPolicy"]
    endpoints = network_endpoints(statefulsets)
    by_namespace = {e.namespace: policies for e in endpoints if in_suite(e)}
    probes = [(server["port"], "TCP") for server in SERVERS.values()]
    probes += [(DNS_PORT, "UDP"), (DNS_PORT, "TCP"), (443, "TCP")]
    problems = []
    for source in endpoints:
        for destination in endpoints:
            if source is destination or not any(in_suite(e) and e.namespace == "haicap-01"
                                                for e in (source, destination)):
                continue
            for port, protocol in probes:
                expected = must_allow(source, destination, port, protocol)
                if allowed(by_namespace, source, destination, port, protocol) != expected:
                    problems.append(f"NetworkPolicy: {source} -> {destination} {protocol} {port} must be "
                                    f"{'allowed' if expected else 'denied'}")
    return problems


def check_suite(documents):
    """Problems with a rendered suite (a list of Kubernetes objects), as strings."""
    problems = []
    statefulsets = {d["metadata"]["name"]: d for d in documents if d["kind"] == "StatefulSet"}
    services = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Service"}
    for name, server in SERVERS.items():
        if name not in statefulsets:
            problems.append(f"StatefulSet {name} is missing")
            continue
        found = []
        check_server(statefulsets[name], server, services, found)
        problems += [f"StatefulSet {name}: {problem}" for problem in found]
    problems += check_addresses(statefulsets, services)
    problems += check_network(documents, statefulsets)
    for document in documents:
        if (document["metadata"].get("labels") or {}).get("app.kubernetes.io/part-of") != "haicap":
            problems.append(f"{document['kind']} {document['metadata']['name']}: "
                            "label app.kubernetes.io/part-of=haicap is missing")
    return problems


def images(documents):
    for document in documents:
        if document["kind"] == "StatefulSet":
            for container in document["spec"]["template"]["spec"].get("containers", []):
                yield container["image"]


def check_deployable(documents):
    """What every overlay adds to the base: an image with an explicit tag other than latest, and
    its servers.yaml patched into every server alike (kustomization.yaml names each)."""
    problems = [f"image {image} must have an explicit tag other than latest"
                for image in images(documents)
                if "@" not in image and image.rpartition(":")[2] in ("latest", image)]
    def size(statefulset):
        containers = statefulset["spec"]["template"]["spec"]["containers"] or [{}]
        claims = statefulset["spec"].get("volumeClaimTemplates", [])
        return containers[0].get("resources"), [claim["spec"] for claim in claims]

    sizes = {d["metadata"]["name"]: size(d) for d in documents if d["kind"] == "StatefulSet"}
    first = min(sizes, default=None)
    problems += [f"StatefulSet {name}: resources or volume claims differ from {first}'s: is it missing "
                 "from the overlay's patches?" for name, size in sizes.items() if size != sizes[first]]
    return problems


def check_prod(documents):
    problems = []
    pods = {d["metadata"]["name"]: d["spec"]["template"]["metadata"].get("labels") or {}
            for d in documents if d["kind"] == "StatefulSet"}
    budgets = [d for d in documents if d["kind"] == "PodDisruptionBudget"]
    for name in SERVERS:
        if name in pods and not any(
                selects(b["spec"].get("selector", {}).get("matchLabels"), pods[name]) for b in budgets):
            problems.append(f"StatefulSet {name}: no PodDisruptionBudget selects its pods")
    for document in documents:
        if document["kind"] == "StatefulSet":
            for claim in document["spec"].get("volumeClaimTemplates", []):
                if not claim["spec"].get("storageClassName"):
                    problems.append(f"StatefulSet {document['metadata']['name']}: volume claim "
                                    f"{claim['metadata']['name']} needs a storageClassName")
    return problems


# Checks particular to one overlay, besides check_suite and check_deployable.
OVERLAY_CHECKS = {
    "dev": lambda documents: [f"image {image} must be tagged dev"
                              for image in images(documents) if not image.endswith(":dev")],
    "prod": check_prod,
}


def render(kubectl, directory):
    result = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {directory} failed:\n{result.stderr}")
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def load_base(base):
    """The base's resources as written (what kustomize would start from)."""
    kustomization = yaml.safe_load((base / "kustomization.yaml").read_text())
    documents = []
    for resource in kustomization["resources"]:
        documents += [d for d in yaml.safe_load_all((base / resource).read_text()) if d]
    # commonLabels is the one base transformer the checks look at: kustomize puts them on every
    # object, its pods, and the pod selectors of NetworkPolicies that match labels.
    labels = kustomization.get("commonLabels", {})
    for document in documents:
        document["metadata"].setdefault("labels", {}).update(labels)
        if "template" in document.get("spec", {}):
            document["spec"]["template"]["metadata"].setdefault("labels", {}).update(labels)
        if document["kind"] == "NetworkPolicy":
            spec = document["spec"]
            peers = [peer for rule in spec.get("ingress") or [] for peer in rule.get("from") or []]
            peers += [peer for rule in spec.get("egress") or [] for peer in rule.get("to") or []]
            for selector in [spec.get("podSelector")] + [peer.get("podSelector") for peer in peers]:
                if selector and "matchLabels" in selector:
                    selector["matchLabels"].update(labels)
    return documents


def main():
    k8s = Path(sys.argv[1])
    overlays = sorted(path for path in (k8s / "overlays").iterdir() if path.is_dir())
    missing = set(OVERLAY_CHECKS) - {path.name for path in overlays}
    failed = bool(missing)
    if missing:
        print(f"FAIL: overlays {sorted(missing)} are missing")
    kubectl = os.environ.get("KUBECTL") or shutil.which("kubectl")
    if kubectl:
        renderings = [(path.name, lambda path=path: render(kubectl, path))
                      for path in [k8s / "base"] + overlays]
    else:
        print("NOTE: kubectl not found: checking deploy/k8s/base as written; overlays not rendered")
        renderings = [("base", lambda: load_base(k8s / "base"))]
    for name, documents_of in renderings:
        try:
            documents = documents_of()
            problems = check_suite(documents)
            if name != "base":
                problems += check_deployable(documents)
            problems += OVERLAY_CHECKS.get(name, lambda _: [])(documents)
        except (RuntimeError, KeyError, TypeError, AttributeError, yaml.YAMLError) as error:
            problems = [f"cannot check: {error!r}"]
        for problem in problems:
            print(f"FAIL: {name}: {problem}")
        if not problems:
            print(f"ok: {name} ({len(documents)} objects)")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
