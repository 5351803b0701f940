// GET /posts and GET /health behind the HTTP API Gateway (payload format 2.0).
// connectTo: postsDb injects STP_POSTS_DB_CONNECTION_STRING, STP_POSTS_DB_HOST and STP_POSTS_DB_PORT.

interface HttpEvent {
  rawPath?: string;
  requestContext?: { http?: { method?: string } };
}

const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export default async (event: HttpEvent) => {
  const path = event.rawPath ?? '/';
  if (path === '/health') {
    return json(200, {
      status: 'ok',
      database: { host: process.env.STP_POSTS_DB_HOST ?? null, port: process.env.STP_POSTS_DB_PORT ?? null },
    });
  }
  if (path === '/posts') {
    // A real handler would query Postgres here using STP_POSTS_DB_CONNECTION_STRING.
    return json(200, { posts: [] });
  }
  return json(404, { message: `no route for ${event.requestContext?.http?.method ?? 'GET'} ${path}` });
};
