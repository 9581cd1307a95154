"""M/M/1 at rho 0.9 written idiomatically in SimPy, for comparison with
`asyncsim run benchmarks/mm1.yaml` (see benchmarks/run.sh).

Run with Debian's SimPy:  /usr/bin/python3 benchmarks/simpy_mm1.py N
"""
import random
import sys

import simpy

RHO = 0.9
SERVICE_MEAN = 0.001  # seconds, as in benchmarks/mm1.yaml


def customer(env, server, stats):
    t0 = env.now
    with server.request() as req:
        yield req
        yield env.timeout(random.expovariate(1 / SERVICE_MEAN))
    stats["sum"] += env.now - t0
    stats["n"] += 1


def source(env, server, stats, n):
    for _ in range(n):
        yield env.timeout(random.expovariate(RHO / SERVICE_MEAN))
        env.process(customer(env, server, stats))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    random.seed(1)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    stats = {"sum": 0.0, "n": 0}
    env.process(source(env, server, stats, n))
    env.run()
    print(f"customers {stats['n']} mean sojourn {stats['sum'] / stats['n']:.6f}s")


if __name__ == "__main__":
    main()
