"""Unauthenticated 24 MiB uploads in a loop, for Benchmarks/hostile/run: each worker posts to one source
without valid credentials, sends as much of the body as the gateway reads, and counts the answers.

    python3 attack.py PORT SECONDS SOURCE[:WORKERS] ...   (sources: sendgrid, mailgun)
"""
import collections, os, socket, sys, threading, time

BODY_BYTES = 24 << 20
BOUNDARY = "xYzZy"


def mailgun_body():
    filler = b"x" * (BODY_BYTES - 400)
    parts = [(b"from", b"attacker@example.com"), (b"body-plain", filler), (b"timestamp", b"1"), (b"token", b"t"), (b"signature", b"00")]
    out = b"".join(b"--" + BOUNDARY.encode() + b"\r\nContent-Disposition: form-data; name=\"" + n + b"\"\r\n\r\n" + v + b"\r\n" for n, v in parts)
    return out + b"--" + BOUNDARY.encode() + b"--\r\n"


BODIES = {"sendgrid": b"x" * BODY_BYTES, "mailgun": mailgun_body()}


def worker(port, source, deadline, counts, lock):
    body = BODIES[source]
    head = (f"POST /hooks/{source} HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    while time.time() < deadline:
        status = "error"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(head)
                try:
                    connection.sendall(body)
                except OSError:
                    pass  # the gateway refused from the headers and closed
                answer = connection.recv(64)
                status = answer[9:12].decode() if answer.startswith(b"HTTP/1.1 ") else "closed"
        except OSError:
            pass
        with lock:
            counts[f"{source} {status}"] += 1


def main():
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    deadline = time.time() + seconds
    counts, lock, threads = collections.Counter(), threading.Lock(), []
    for spec in sys.argv[3:]:
        source, _, workers = spec.partition(":")
        for _ in range(int(workers or 1)):
            threads.append(threading.Thread(target=worker, args=(port, source, deadline, counts, lock)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("attack answers: " + ", ".join(f"{key}: {value}" for key, value in sorted(counts.items())))
    spent = os.times()
    print(f"attack CPU: {spent.user + spent.system:.1f} s ({spent.system:.1f} s of it in the kernel, sending)")


main()
