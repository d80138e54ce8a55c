/** The app's own backend: one base URL, JSON posts. */
export const API_BASE = 'https://api.tripmate-demo.cn/v2';

export function postJson(path, body) {
  return fetch(API_BASE + path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
}
