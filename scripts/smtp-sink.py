#!/usr/bin/env python3
"""An SMTP server on 127.0.0.1 that accepts every mail and keeps none: the mail server of the
scripts' production-like runs (production refuses the mock mailer, which would log the mails).

    smtp-sink.py PORT_FILE PARENT_PID

Listens on a free port, writes it to PORT_FILE, counts the mails it took in PORT_FILE.count,
and exits when the process PARENT_PID is gone.
"""
import os
import socketserver
import sys
import threading
import time

mails = 0
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        global mails
        self.reply("220 smtp-sink ready")
        for raw in self.rfile:
            verb = raw.decode("latin-1").strip().upper()
            if verb.startswith("EHLO"):
                self.reply("250-smtp-sink")
                self.reply("250 8BITMIME")
            elif verb == "DATA":
                self.reply("354 end with a dot")
                for body in self.rfile:
                    if body in (b".\r\n", b".\n"):
                        break
                with lock:
                    mails += 1
                    with open(sys.argv[1] + ".count", "w") as out:
                        out.write(f"{mails}\n")
                self.reply("250 taken")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    port_file, parent = sys.argv[1], int(sys.argv[2])
    server = Server(("127.0.0.1", 0), Session)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(port_file + ".tmp", "w") as out:
        out.write(f"{server.server_address[1]}\n")
    os.replace(port_file + ".tmp", port_file)
    while True:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return
        time.sleep(1)


if __name__ == "__main__":
    main()
