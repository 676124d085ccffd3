#!/usr/bin/env python3
"""Scrapes URLs round-robin over one persistent HTTP/1.1 connection each, as Prometheus does.

    keepalive_scrape.py ROUNDS URL...

After 3 rounds that open the connections it prints "before" and waits for a line on stdin;
then it scrapes ROUNDS rounds (one GET per URL, then a 1 s sleep, as the curl rounds), prints
"after" and waits for a line again before it exits. A driver takes its /proc readings between.
A connection the server closes (or that fails) is opened again and counted; the count is
printed with "after" ("after reconnects=N")."""
import http.client
import sys
import time
import urllib.parse

rounds = int(sys.argv[1])
urls = [urllib.parse.urlparse(u) for u in sys.argv[2:]]
conns = [None] * len(urls)
reconnects = 0


def scrape(i):
    global reconnects
    u = urls[i]
    for _ in range(2):
        try:
            if conns[i] is None:
                conns[i] = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
                reconnects += 1
            conns[i].request("GET", u.path, headers={"Accept": "*/*"})
            r = conns[i].getresponse()
            r.read()
            if r.will_close:
                conns[i].close()
                conns[i] = None
            return
        except (OSError, http.client.HTTPException):
            if conns[i] is not None:
                conns[i].close()
            conns[i] = None


def run(n):
    for _ in range(n):
        for i in range(len(urls)):
            scrape(i)
        time.sleep(1)


run(3)
reconnects = 0
print("before", flush=True)
sys.stdin.readline()
run(rounds)
print("after reconnects=%d" % reconnects, flush=True)
sys.stdin.readline()
