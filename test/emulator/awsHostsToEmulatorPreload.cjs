// Preloaded into a node process (NODE_OPTIONS=--require <this file>) so that the AWS SDK's
// requests to the hosts it resolves by default, `https://portal.sso.<region>.amazonaws.com`
// and `https://oidc.<region>.amazonaws.com`, reach the emulator at AWSCREDS_TEST_AWS_HOSTS_TO
// (its `url`) over plain HTTP, with their Host header unchanged. The emulator reads the
// service and region from that Host, so a test can prove which region a client called:
// with AWS_ENDPOINT_URL_SSO* set, every region would reach the same URL and look the same.
// Any other request goes out untouched. Node built-ins only.
'use strict';
const http = require('node:http');
const https = require('node:https');

const target = new URL(process.env.AWSCREDS_TEST_AWS_HOSTS_TO || 'http://127.0.0.1:1');
const AWS_HOST = /^(portal\.sso|oidc)\.[a-z0-9-]+\.amazonaws\.com$/;
const originalRequest = https.request;

https.request = function request(...args) {
  const options = args[0];
  const host = options && typeof options === 'object' && !(options instanceof URL) ? options.host || options.hostname : undefined;
  if (typeof host !== 'string' || !AWS_HOST.test(host)) return originalRequest.apply(this, args);
  const headers = { ...(options.headers || {}) };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'host')) headers.host = host;
  const rerouted = { ...options, protocol: 'http:', host: target.hostname, hostname: target.hostname, port: Number(target.port), agent: false, headers };
  return http.request(rerouted, ...args.slice(1));
};
