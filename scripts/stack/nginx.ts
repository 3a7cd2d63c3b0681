import { join } from 'node:path'

/**
 * nginx's main configuration around a generated site snippet (server/deploy-snippets.ts):
 * everything nginx would otherwise write under /var (pid, logs, temporary files) goes under one
 * directory of its own, so a throwaway nginx can run beside a system one, and `nginx -t` can
 * check a snippet without touching the machine.
 */
export interface NginxMain {
  /** A directory nginx's workers can enter: its logs and temporary files go here. */
  prefix: string
  /** The file holding the `upstream` and `server` blocks. */
  siteFile: string
  /** Who the workers run as when nginx starts as root (www-data on Debian); ignored otherwise. */
  user?: string
}

export function nginxMainConf({ prefix, siteFile, user }: NginxMain): string {
  const temp = (name: string) => join(prefix, `${name}_temp`)
  return `# The stack's nginx: in the foreground, everything it writes under ${prefix}.
daemon off;
${user ? `user ${user};\n` : ''}worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;

events {
    # Each browser keeps a connection open and each request in flight takes a second one to
    # Django: 256 refused connections with 200 browsers (npm run bench -- population).
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${join(prefix, 'access.log')};
    client_body_temp_path ${temp('client_body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};

    # What nginx may try again on the other instance: only an attempt that got no answer (refused,
    # reset, timed out), never an answer; Django's 503 means the shared database is away, and the
    # other instance would say the same. A POST such as the refresh is sent on only if it never
    # reached an instance (a stopped one refuses the connection); once sent it is not (no
    # non_idempotent): the instance may have rotated the refresh token before it died, and the
    # same cookie sent again would be reuse, which revokes the session. The browser retries it.
    proxy_next_upstream error timeout;
    # Each instance at most once.
    proxy_next_upstream_tries 2;

    include ${siteFile};
}
`
}
