"""Attackers that hold what others need, for Benchmarks/hostile/run: while one runs, signed events are posted from
127.0.0.1, each on a new connection as a provider would, and their answers and latencies are counted.

    python3 held.py PORT ATTACK SIGNED SECRET

ATTACK is one of:
  unsent   twelve connections from six addresses (127.0.0.2 to .7) each declare a Mailgun body of 1/11 of the
           default 256 MiB body budget and send none of it; each one the gateway closes is opened again
  idle     1,100 connections from 127.0.0.8 that send nothing; each one the gateway closes is opened again

SIGNED signed contact forms for the `website` source are posted with SECRET, one every 0.3 s (so that 50 of them
span several of the gateway's 5 s body-rate windows), once the attack has held its connections for 3 s; the
attack stops after the last answer.
"""
import collections, hashlib, hmac, json, resource, selectors, socket, sys, threading, time

BUDGET = 256 << 20
DECLARED = BUDGET // 11


def opened(address, port):
    connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    connection.bind((address, 0))
    connection.setblocking(False)
    connection.connect_ex(("127.0.0.1", port))
    return connection


def hold(port, sources, stop, reopened):
    """Keeps one connection per entry of `sources` open, sending its head once it connects, and opens a new one
    for each the gateway closes."""
    selector = selectors.DefaultSelector()
    for address, head in sources:
        selector.register(opened(address, port), selectors.EVENT_WRITE, (address, head))
    while not stop.is_set():
        for key, events in selector.select(timeout=0.2):
            connection, (address, head) = key.fileobj, key.data
            if events & selectors.EVENT_WRITE:
                try:
                    if head:
                        connection.send(head)
                    selector.modify(connection, selectors.EVENT_READ, key.data)
                    continue
                except OSError:
                    pass
            else:
                try:
                    if connection.recv(65536):
                        continue  # an answer (100 Continue, a refusal): its close follows
                except OSError:
                    pass
            selector.unregister(connection)
            connection.close()
            reopened[0] += 1
            selector.register(opened(address, port), selectors.EVENT_WRITE, (address, head))
    for key in list(selector.get_map().values()):
        key.fileobj.close()


def post(port, body, signature):
    head = (f"POST /hooks/website HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"X-Signature: {signature}\r\nConnection: close\r\n\r\n").encode()
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(head + body)
            answer = connection.recv(64)
        status = answer[9:12].decode() if answer.startswith(b"HTTP/1.1 ") else "closed"
    except OSError:
        status = "closed"
    return status, time.monotonic() - started


def main():
    port, attack, signed, secret = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4].encode()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    if attack == "unsent":
        head = (f"POST /hooks/mailgun HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {DECLARED}\r\n\r\n").encode()
        sources = [(f"127.0.0.{2 + index % 6}", head) for index in range(12)]
    else:
        sources = [("127.0.0.8", b"")] * 1100
    stop, reopened = threading.Event(), [0]
    holder = threading.Thread(target=hold, args=(port, sources, stop, reopened))
    holder.start()
    time.sleep(3)
    answers, latencies = collections.Counter(), []
    for index in range(signed):
        body = json.dumps({"email": f"held{index}@example.com", "subject": f"Held {attack} {index} {time.time()}",
                           "message": "Hello, is anyone there?"}).encode()
        status, latency = post(port, body, "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest())
        answers[status] += 1
        latencies.append(latency)
        time.sleep(max(0, 0.3 - latency))
    stop.set()
    holder.join()
    latencies.sort()
    median, worst = latencies[len(latencies) // 2], latencies[-1]
    print(f"{attack:<7} signed accepted {answers['202']}/{signed}   answers: "
          + ", ".join(f"{key}: {value}" for key, value in sorted(answers.items()))
          + f"   latency median {median * 1000:.1f} ms, max {worst * 1000:.1f} ms   attacker connections reopened: {reopened[0]}")


main()
