#!/usr/bin/python3
"""Asks a haicap server whether a service is SERVING (grpc.health.v1.Health/Check).

    grpc_health_check.py HOST:PORT SERVICE [--timeout SECONDS]

Exits 0 when SERVING, 1 otherwise (not serving, unreachable, unknown service). Needs only Debian's
python3-grpcio: the two tiny health messages are encoded by hand, so no generated code is needed.
"""
import argparse
import sys

import grpc

SERVING = 1  # grpc.health.v1.HealthCheckResponse.ServingStatus


def encode_request(service: str) -> bytes:
    # HealthCheckRequest { string service = 1; }, a name shorter than 128 bytes (one-byte length).
    name = service.encode()
    if len(name) >= 128:
        raise ValueError("service name too long")
    return b"\x0a" + bytes([len(name)]) + name


def decode_status(response: bytes) -> int:
    # HealthCheckResponse { ServingStatus status = 1; }: an absent field is UNKNOWN (0).
    if len(response) >= 2 and response[0] == 0x08:
        return response[1]
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("service")
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    with grpc.insecure_channel(args.address) as channel:
        check = channel.unary_unary(
            "/grpc.health.v1.Health/Check",
            request_serializer=encode_request,
            response_deserializer=decode_status,
        )
        try:
            status = check(args.service, timeout=args.timeout)
        except grpc.RpcError as error:
            print(f"{args.address} {args.service}: {error.code().name}", file=sys.stderr)
            return 1
    if status != SERVING:
        print(f"{args.address} {args.service}: status {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
