// Small helpers shared by the dashboard's scripts: DOM building, numbers, and the token-carrying
// fetch. Every text goes in through textContent, never as HTML.
/* global window, document, localStorage */
'use strict';

(function () {
  const G = (window.Gongkai = window.Gongkai || {});
  const TOKEN_KEY = 'gongkai.dashboard.token';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }

  class HttpError extends Error {
    constructor(status, body) {
      super((body && body.error && body.error.message) || `HTTP ${status}`);
      this.status = status;
    }
  }

  const session = {
    token: null,
    /** Called with a message when the service refuses the token (401). */
    onUnauthorized: () => undefined,
    load(fromUrl) {
      if (fromUrl) localStorage.setItem(TOKEN_KEY, fromUrl);
      this.token = fromUrl || localStorage.getItem(TOKEN_KEY);
      return this.token;
    },
    save(token) {
      localStorage.setItem(TOKEN_KEY, token);
      this.token = token;
    },
    forget() {
      localStorage.removeItem(TOKEN_KEY);
      this.token = null;
    },
  };

  async function api(path, accept) {
    const r = await fetch(path, {
      headers: { authorization: `Bearer ${session.token}`, accept: accept || 'application/json' },
      cache: 'no-store',
    });
    if (r.status === 401) {
      session.onUnauthorized('令牌无效或已失效，请重新输入。');
      throw new HttpError(401, null);
    }
    return r;
  }

  async function json(path) {
    const r = await api(path);
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new HttpError(r.status, body);
    return body;
  }

  /** A scrollable grid: a header row and body rows, built by the caller. */
  function grid(headRow, bodyRows) {
    return el(
      'div',
      { class: 'table-wrap' },
      el('table', { class: 'grid' }, el('thead', {}, headRow), el('tbody', {}, bodyRows)),
    );
  }

  /** A table with a text first column and figures after it. */
  function table(headers, rows) {
    const cell = (tag, c, i) =>
      el(tag, { class: i === 0 ? 'text' : '', text: typeof c === 'number' ? fmt(c) : String(c ?? '') });
    return grid(
      el(
        'tr',
        {},
        headers.map((h, i) => cell('th', h, i)),
      ),
      rows.map((cells) =>
        el(
          'tr',
          {},
          cells.map((c, i) => cell('td', c, i)),
        ),
      ),
    );
  }

  const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : String(n));
  const clock = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });
  const $ = (id) => document.getElementById(id);

  G.util = { el, grid, table, fmt, clock, $, api, json, session, HttpError };
})();
