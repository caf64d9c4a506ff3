"""Links: linkchecker finds 0 broken links from file:// and from nginx under a sub-path."""
import os
import socket
import subprocess
import tempfile
import pathlib
import time
import unittest
import urllib.request

from support import SITE, page_url, run, tool

SUB_PATH = "/gongkai/jixiao/"


def linkchecker(url):
    # Only this site's links: anything else would be an external URL, which the
    # offline test forbids anyway.
    return run([tool("linkchecker"), "--no-status", "--no-warnings", "--check-extern",
                "--recursion-level=-1", url])


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FileLinks(unittest.TestCase):
    def test_no_broken_links_from_file_url(self):
        result = linkchecker(page_url("index.html"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("0 errors found", result.stdout)

    def test_linkchecker_reports_a_broken_link(self):
        with tempfile.TemporaryDirectory() as folder:
            os.chmod(folder, 0o755)
            page = pathlib.Path(folder) / "index.html"
            page.write_text('<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head>'
                            '<body><a href="missing.html">缺</a></body></html>', encoding="utf-8")
            os.chmod(page, 0o644)
            result = linkchecker(page.as_uri())
            self.assertNotEqual(result.returncode, 0, result.stdout)


class NginxSubPath(unittest.TestCase):
    """The site served by nginx on a loopback port under /gongkai/jixiao/."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="jixiao-nginx-")
        cls.port = free_port()
        conf = pathlib.Path(cls.folder) / "nginx.conf"
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf.write_text(f"""{user}worker_processes 1;
daemon off;
pid {cls.folder}/nginx.pid;
error_log {cls.folder}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  access_log {cls.folder}/access.log;
  client_body_temp_path {cls.folder}/body;
  proxy_temp_path {cls.folder}/proxy;
  fastcgi_temp_path {cls.folder}/fastcgi;
  uwsgi_temp_path {cls.folder}/uwsgi;
  scgi_temp_path {cls.folder}/scgi;
  server {{
    listen 127.0.0.1:{cls.port};
    location {SUB_PATH} {{ alias {SITE}/; index index.html; }}
  }}
}}
""")
        nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
        cls.process = subprocess.Popen([nginx, "-p", cls.folder, "-c", str(conf)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.base = f"http://127.0.0.1:{cls.port}{SUB_PATH}"
        for _ in range(100):
            try:
                urllib.request.urlopen(cls.base, timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        cls.tearDownClass()
        raise RuntimeError("nginx did not start: " + (pathlib.Path(cls.folder) / "error.log").read_text())

    @classmethod
    def tearDownClass(cls):
        cls.process.terminate()
        cls.process.wait(timeout=10)

    def test_serves_the_home_page_under_the_sub_path(self):
        body = urllib.request.urlopen(self.base, timeout=5).read().decode("utf-8")
        self.assertIn('lang="zh-CN"', body)

    def test_no_broken_links_under_the_sub_path(self):
        result = linkchecker(self.base)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("0 errors found", result.stdout)
        # It really crawled the site, not just the first page.
        log = (pathlib.Path(self.folder) / "access.log").read_text()
        self.assertIn(f"{SUB_PATH}2019-guangxi-grain/ranking.json", log)
        self.assertIn(f"{SUB_PATH}2019-guangxi-grain/units/guilin.html", log)


if __name__ == "__main__":
    unittest.main()
