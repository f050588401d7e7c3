"""Whether Kubernetes NetworkPolicies let one endpoint open a connection to another.

The semantics of networking.k8s.io/v1: a pod no policy selects for a direction (Ingress, Egress) is
open in that direction; otherwise some policy of its namespace that selects it must have a rule for
the peer and the port. A connection needs both the source's egress and the destination's ingress.
"""
import ipaddress
from dataclasses import dataclass, field


@dataclass
class Endpoint:
    """A pod (namespace set) or an address outside the cluster (namespace None)."""
    name: str
    address: str
    namespace: str | None = None
    namespace_labels: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    ports: dict = field(default_factory=dict)  # named container ports: name -> number

    def __str__(self):
        return f"{self.name} ({self.namespace})" if self.namespace else self.name


def selects(selector, labels):
    """A LabelSelector: an empty one selects everything."""
    if selector is None:
        return False
    if any(labels.get(key) != value for key, value in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        if not {"In": lambda: labels.get(key) in values,
                "NotIn": lambda: labels.get(key) not in values,
                "Exists": lambda: key in labels,
                "DoesNotExist": lambda: key not in labels}[operator]():
            return False
    return True


def peer_matches(peer, namespace, endpoint):
    """A NetworkPolicyPeer of a policy in `namespace`. ipBlock also matches pods by their address,
    as most implementations do."""
    if "ipBlock" in peer:
        address = ipaddress.ip_address(endpoint.address)
        block = peer["ipBlock"]
        return (address in ipaddress.ip_network(block["cidr"])
                and not any(address in ipaddress.ip_network(cidr) for cidr in block.get("except") or []))
    if endpoint.namespace is None:
        return False
    if "namespaceSelector" in peer:
        in_namespace = selects(peer["namespaceSelector"], endpoint.namespace_labels)
    else:
        in_namespace = endpoint.namespace == namespace
    return in_namespace and selects(peer.get("podSelector", {}), endpoint.labels)


def port_matches(rule_port, destination, port, protocol):
    if rule_port.get("protocol", "TCP") != protocol:
        return False
    if "port" not in rule_port:
        return True
    first = rule_port["port"]
    if isinstance(first, str):
        first = destination.ports.get(first)
    return first is not None and first <= port <= rule_port.get("endPort", first)


def policy_types(policy):
    spec = policy["spec"]
    return spec.get("policyTypes") or (["Ingress", "Egress"] if "egress" in spec else ["Ingress"])


def direction_allows(policies, pod, peer, destination, port, protocol, direction):
    """Whether `pod`'s policies let the connection through in `direction` ("Ingress": `peer` is the
    source; "Egress": `peer` is the destination)."""
    if pod.namespace is None:
        return True
    rules_key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    governing = [policy for policy in policies.get(pod.namespace, [])
                 if direction in policy_types(policy)
                 and selects(policy["spec"].get("podSelector", {}), pod.labels)]
    rules = [rule for policy in governing for rule in policy["spec"].get(rules_key) or []]
    return not governing or any(
        (not rule.get(peers_key) or any(peer_matches(p, pod.namespace, peer) for p in rule[peers_key]))
        and (not rule.get("ports") or any(port_matches(p, destination, port, protocol)
                                          for p in rule["ports"]))
        for rule in rules)


def allowed(policies, source, destination, port, protocol="TCP"):
    """`policies`: namespace -> its NetworkPolicy objects."""
    return (direction_allows(policies, source, destination, destination, port, protocol, "Egress")
            and direction_allows(policies, destination, source, destination, port, protocol, "Ingress"))
