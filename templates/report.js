// auditpack report: the finding tables. Reads the findings data block (its format is described in
// src/report/render-html.ts), then gives each check a collapsed table that is built when opened,
// one page of rows at a time, and the toolbar its filters, search and sort. This text is static:
// the page's Content-Security-Policy allows exactly this script, by its SHA-256. Resource names,
// reasons and account names come from evidence an attacker may have set, so they reach the page
// through textContent only, never as markup.
(() => {
  'use strict';

  const source = document.getElementById('findings-data');
  const toolbar = document.getElementById('toolbar');
  if (!source || !toolbar) return;
  document.documentElement.classList.add('js');

  // Rows a table shows when opened, how many more "Show more" adds, and at most: a filter that
  // opens seventy tables stays fast, and no table ever holds a hundred thousand rows.
  const FIRST_ROWS = 25;
  const MORE_ROWS = 100;
  const MOST_ROWS = 1000;
  const TYPING_PAUSE_MS = 200;
  // Status codes in the order a status sort shows them: what is left to do first. E is a FAIL an
  // exception covers (an accepted risk): still a failure, shown apart, never as a pass.
  const STATUS_LETTER = ['F', 'N', 'E', 'P'];
  const STATUS_TEXT = ['FAIL', 'NOT EVALUATED', 'EXCEPTED', 'PASS'];
  const STATUS_CLASS = ['status-fail', 'status-not-evaluated', 'status-excepted', 'status-pass'];
  const STATUS_OF_LETTER = { F: 0, N: 1, E: 2, P: 3 };
  const EXCEPTED = 2;

  // ---- Decoding: string tables and one set of typed columns per run -------------------------

  const data = JSON.parse(source.textContent || '[]');
  const header = data[0] || { accounts: [], runs: [] };
  const resources = [];
  const reasons = [];
  const accounts = [];
  const regions = [];
  const evidenceLists = [];
  // Exceptions cited by EXCEPTED findings: [id, approved by, expires].
  const exceptions = [];
  const accountNames = new Map(header.accounts.map((a) => [a[0], a[1]]));

  const runs = header.runs.map((n) => ({
    n,
    filled: 0,
    status: new Uint8Array(n),
    resource: new Int32Array(n),
    reason: new Int32Array(n),
    account: new Int32Array(n),
    region: new Int32Array(n),
    evidence: new Int32Array(n),
    // 0: no exception; k: exceptions[k - 1].
    exception: new Int32Array(n),
    // Indexes of the findings the filter lets through (null: all), their count, and the last sort.
    matches: null,
    count: n,
    ordered: null,
    orderedKey: '',
  }));

  /** Appends front-coded strings: [length of prefix shared with the previous entry, rest, …]. */
  const extend = (table, fresh) => {
    let previous = table.length > 0 ? table[table.length - 1] : '';
    for (let i = 0; i < fresh.length; i += 2) {
      const text = previous.slice(0, fresh[i]) + fresh[i + 1];
      table.push(text);
      previous = text;
    }
  };
  const undoDeltas = (into, at, deltas) => {
    let value = 0;
    for (let i = 0; i < deltas.length; i++) {
      value += deltas[i];
      into[at + i] = value;
    }
  };
  const undoRunLengths = (into, at, pairs) => {
    let k = at;
    for (let i = 0; i < pairs.length; i += 2) {
      into.fill(pairs[i], k, k + pairs[i + 1]);
      k += pairs[i + 1];
    }
  };

  for (let s = 1; s < data.length; s++) {
    const segment = data[s];
    extend(resources, segment.res);
    extend(reasons, segment.rsn);
    extend(accounts, segment.acc);
    extend(regions, segment.reg);
    for (const list of segment.ev) evidenceLists.push(list);
    const run = runs[segment.run];
    const at = run.filled;
    for (let i = 0; i < segment.n; i++) run.status[at + i] = STATUS_OF_LETTER[segment.s[i]];
    undoDeltas(run.resource, at, segment.r);
    undoDeltas(run.reason, at, segment.m);
    undoRunLengths(run.account, at, segment.a);
    undoRunLengths(run.region, at, segment.g);
    undoRunLengths(run.evidence, at, segment.e);
    if (segment.x) {
      for (const entry of segment.xt) exceptions.push(entry);
      undoRunLengths(run.exception, at, segment.x);
    }
    run.filled += segment.n;
  }
  data.length = 0;
  source.textContent = '';

  // ---- Small DOM helpers: text only ------------------------------------------------------------

  const byId = (id) => document.getElementById(id);
  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const number = (n) => n.toLocaleString('en-US');
  const plural = (n, one, many) => `${number(n)} ${n === 1 ? one : many}`;

  // ---- Toolbar ---------------------------------------------------------------------------------

  const controls = {
    statuses: Array.from(toolbar.querySelectorAll('input[name="status"]')),
    account: byId('filter-account'),
    region: byId('filter-region'),
    section: byId('filter-section'),
    text: byId('filter-text'),
    sort: byId('filter-sort'),
    clear: byId('filter-clear'),
    summary: byId('filter-summary'),
  };
  const known = new Set(Array.from(controls.account.options, (o) => o.value));
  for (const id of accounts) {
    if (known.has(id)) continue;
    controls.account.add(new Option(id, id));
    known.add(id);
  }
  for (const region of [...regions].sort()) controls.region.add(new Option(region, region));

  // ---- Orders: the rank of each table entry when the table is sorted, computed once ------------

  const ranks = new Map();
  const rankOf = (table) => {
    let rank = ranks.get(table);
    if (!rank) {
      const order = table.map((_, i) => i).sort((a, b) => (table[a] < table[b] ? -1 : table[a] > table[b] ? 1 : a - b));
      rank = new Int32Array(table.length);
      order.forEach((entry, position) => {
        rank[entry] = position;
      });
      ranks.set(table, rank);
    }
    return rank;
  };

  const comparator = (run, sort) => {
    const status = run.status;
    const byStatus = (a, b) => status[a] - status[b] || a - b;
    if (sort === 'resource') {
      const rank = rankOf(resources);
      const resource = run.resource;
      return (a, b) => rank[resource[a]] - rank[resource[b]] || byStatus(a, b);
    }
    if (sort === 'account' || sort === 'region') {
      const accountRank = rankOf(accounts);
      const regionRank = rankOf(regions);
      const account = run.account;
      const region = run.region;
      const byAccount = (a, b) => accountRank[account[a]] - accountRank[account[b]];
      const byRegion = (a, b) => regionRank[region[a]] - regionRank[region[b]];
      return sort === 'account'
        ? (a, b) => byAccount(a, b) || byRegion(a, b) || byStatus(a, b)
        : (a, b) => byRegion(a, b) || byAccount(a, b) || byStatus(a, b);
    }
    return byStatus;
  };

  // ---- Filtering -------------------------------------------------------------------------------

  let filter = null;
  let version = 0;
  let searched = { text: '', resourceHit: null, reasonHit: null, exceptionHit: null };
  let lowerResources = null;
  let lowerReasons = null;

  const hitsFor = (text) => {
    if (searched.text === text) return searched;
    lowerResources = lowerResources || resources.map((r) => r.toLowerCase());
    lowerReasons = lowerReasons || reasons.map((r) => r.toLowerCase());
    const resourceHit = new Uint8Array(resources.length);
    const reasonHit = new Uint8Array(reasons.length);
    lowerResources.forEach((r, i) => {
      if (r.includes(text)) resourceHit[i] = 1;
    });
    lowerReasons.forEach((r, i) => {
      if (r.includes(text)) reasonHit[i] = 1;
    });
    // An exception's id finds the findings it covers (index k + 1, as the runs hold it).
    const exceptionHit = new Uint8Array(exceptions.length + 1);
    exceptions.forEach((e, i) => {
      if (e[0].toLowerCase().includes(text)) exceptionHit[i + 1] = 1;
    });
    searched = { text, resourceHit, reasonHit, exceptionHit };
    return searched;
  };

  const readFilter = () => {
    // A status without a checkbox (EXCEPTED, in a report without exceptions) is never filtered out.
    const statusOn = STATUS_LETTER.map((letter) => {
      const box = controls.statuses.find((c) => c.value === letter);
      return box ? box.checked : true;
    });
    const indexIn = (table, value) => (value === '' ? -1 : Math.max(table.indexOf(value), -2));
    const account = indexIn(accounts, controls.account.value);
    const region = indexIn(regions, controls.region.value);
    const text = controls.text.value.trim().toLowerCase();
    return {
      statusOn,
      account,
      region,
      text,
      hits: text ? hitsFor(text) : null,
      section: controls.section.value,
      sort: controls.sort.value,
      // Anything that narrows the findings (the section filter narrows requirements only).
      narrows: statusOn.includes(false) || account !== -1 || region !== -1 || text !== '',
    };
  };

  const match = (run, f) => {
    run.ordered = null;
    if (!f.narrows) {
      run.matches = null;
      run.count = run.n;
      return;
    }
    const out = new Int32Array(run.n);
    let k = 0;
    const { status, resource, reason, account, region, exception } = run;
    const hits = f.hits;
    for (let i = 0; i < run.n; i++) {
      if (!f.statusOn[status[i]]) continue;
      if (f.account !== -1 && account[i] !== f.account) continue;
      if (f.region !== -1 && region[i] !== f.region) continue;
      if (hits && !hits.resourceHit[resource[i]] && !hits.reasonHit[reason[i]] && !hits.exceptionHit[exception[i]]) continue;
      out[k++] = i;
    }
    run.matches = out.slice(0, k);
    run.count = k;
  };

  /** The run's matching findings in the chosen order (cached until the filter or sort changes). */
  const ordered = (run) => {
    const key = `${version}|${filter.sort}`;
    if (run.ordered && run.orderedKey === key) return run.ordered;
    let list = run.matches;
    if (!list) {
      list = new Int32Array(run.n);
      for (let i = 0; i < run.n; i++) list[i] = i;
    } else {
      list = list.slice();
    }
    list.sort(comparator(run, filter.sort));
    run.ordered = list;
    run.orderedKey = key;
    return list;
  };

  // ---- Tables --------------------------------------------------------------------------------

  const hashes = new Map();
  const hashOf = (n) => {
    if (!hashes.has(n)) hashes.set(n, byId(`evidence-${n}`)?.getAttribute('data-sha256') ?? '');
    return hashes.get(n);
  };

  const findingRow = (run, i) => {
    const status = run.status[i];
    const row = element('tr', `row-${STATUS_CLASS[status]}`);
    const statusCell = element('td');
    const badge = element('span', `badge badge-small ${STATUS_CLASS[status]}`, STATUS_TEXT[status]);
    statusCell.append(badge);
    const covering = status === EXCEPTED ? exceptions[run.exception[i] - 1] : undefined;
    const where = element('td', 'wrap');
    const accountId = accounts[run.account[i]];
    const account = element('span', '', accountId);
    if (accountNames.get(accountId)) account.title = accountNames.get(accountId);
    where.append(account, element('br'), element('span', 'muted', regions[run.region[i]]));
    const evidence = element('td', 'evidence');
    const cited = evidenceLists[run.evidence[i]] || [];
    for (const n of cited) {
      const link = element('a', 'evidence-ref', `E${n}`);
      link.href = `#evidence-${n}`;
      const hash = hashOf(n);
      if (hash) link.title = `sha256 ${hash}`;
      if (evidence.childNodes.length > 0) evidence.append(' ');
      evidence.append(link);
    }
    if (cited.length === 0) evidence.append(element('span', 'muted', 'none'));
    const reason = element('td', 'wrap', reasons[run.reason[i]]);
    if (covering) {
      const [id, approvedBy, expires] = covering;
      badge.title = `FAIL, an accepted risk: exception ${id}`;
      const note = element('span', 'exception-note', `Accepted risk ${id}, approved by ${approvedBy}, until ${expires}`);
      reason.append(element('br'), note);
    }
    row.append(statusCell, element('td', 'wrap resource', resources[run.resource[i]]), where, reason, evidence);
    return row;
  };

  const COLUMNS = [
    ['c-status', 'Status'],
    ['c-resource', 'Resource'],
    ['c-where', 'Account / region'],
    ['c-reason', 'Reason'],
    ['c-evidence', 'Evidence'],
  ];

  /** A check's collapsed table; built when first opened, one page at a time. */
  const checkView = (slot) => {
    const run = runs[Number(slot.dataset.run)];
    const details = element('details', 'findings-details');
    const summary = element('summary', 'findings-summary');
    const table = element('table', 'findings');
    const colgroup = element('colgroup');
    const headRow = element('tr');
    for (const [className, title] of COLUMNS) {
      colgroup.append(element('col', className));
      const th = element('th', '', title);
      th.scope = 'col';
      headRow.append(th);
    }
    const thead = element('thead');
    thead.append(headRow);
    const tbody = element('tbody');
    table.append(colgroup, thead, tbody);
    const pager = element('div', 'pager');
    const previous = element('button', 'pager-previous', 'Previous');
    const next = element('button', 'pager-next', 'Next');
    const more = element('button', 'pager-more', `Show ${MORE_ROWS} more`);
    previous.type = 'button';
    next.type = 'button';
    more.type = 'button';
    const position = element('span', 'pager-position');
    pager.append(previous, position, next, more);
    details.append(summary, table, pager);
    slot.append(details);

    const view = { run, details, summary, tbody, pager, position, previous, next, more, start: 0, size: FIRST_ROWS, auto: false };
    details.addEventListener('toggle', () => {
      // Closed tables give their rows back: only what is open is in the page.
      if (details.open) render(view);
      else tbody.replaceChildren();
    });
    previous.addEventListener('click', () => {
      view.start = Math.max(0, view.start - view.size);
      render(view);
    });
    next.addEventListener('click', () => {
      view.start += view.size;
      render(view);
    });
    more.addEventListener('click', () => {
      view.size = Math.min(MOST_ROWS, view.size + MORE_ROWS);
      render(view);
    });
    return view;
  };

  const describe = (view) => {
    const { run } = view;
    const text =
      filter && filter.narrows ? `${number(run.count)} of ${plural(run.n, 'finding', 'findings')} match` : `Findings (${number(run.n)})`;
    view.summary.textContent = text;
    view.summary.dataset.matching = String(run.count);
  };

  const render = (view) => {
    const list = ordered(view.run);
    const total = list.length;
    if (view.start >= total) view.start = Math.max(0, total - view.size);
    const from = view.start;
    const to = Math.min(total, from + view.size);
    const rows = [];
    for (let k = from; k < to; k++) rows.push(findingRow(view.run, list[k]));
    if (total === 0) {
      const empty = element('td', 'muted', 'No finding matches the filter.');
      empty.colSpan = COLUMNS.length;
      const row = element('tr');
      row.append(empty);
      rows.push(row);
    }
    view.tbody.replaceChildren(...rows);
    view.position.textContent = total === 0 ? '' : `Rows ${number(from + 1)}–${number(to)} of ${number(total)}`;
    view.previous.disabled = from === 0;
    view.next.disabled = to >= total;
    view.more.disabled = to >= total || view.size >= MOST_ROWS;
    view.pager.hidden = from === 0 && to >= total;
  };

  // ---- Requirements and sections ---------------------------------------------------------------

  const requirements = Array.from(document.querySelectorAll('article.requirement'), (article) => {
    const note = element('p', 'req-matches');
    note.hidden = true;
    article.querySelector('.req-header')?.append(note);
    return {
      article,
      section: article.dataset.section || '',
      note,
      checks: Array.from(article.querySelectorAll('.findings-slot'), checkView),
    };
  });
  // A sub-section heading is shown while any of its requirements is.
  const subsections = Array.from(document.querySelectorAll('main h3.subsection'), (heading) => ({
    heading,
    articles: requirements.filter((r) => r.article.dataset.group === heading.dataset.group).map((r) => r.article),
  }));
  const sections = Array.from(document.querySelectorAll('main .section'), (section) => ({
    heading: section,
    articles: Array.from(section.querySelectorAll('article.requirement')),
  }));

  const apply = () => {
    filter = readFilter();
    version += 1;
    for (const run of runs) match(run, filter);

    const counted = new Set();
    let matching = 0;
    let total = 0;
    let shown = 0;
    for (const requirement of requirements) {
      const inSection = filter.section === '' || requirement.section === filter.section;
      let count = 0;
      let all = 0;
      for (const view of requirement.checks) {
        count += view.run.count;
        all += view.run.n;
        if (inSection && !counted.has(view.run)) {
          counted.add(view.run);
          matching += view.run.count;
          total += view.run.n;
        }
      }
      const visible = inSection && (!filter.narrows || count > 0);
      requirement.article.hidden = !visible;
      if (visible) shown += 1;
      requirement.note.hidden = !(visible && filter.narrows);
      requirement.note.textContent = `${number(count)} of ${plural(all, 'finding', 'findings')} match the filter`;
      requirement.note.dataset.matching = String(count);
      for (const view of requirement.checks) {
        describe(view);
        view.start = 0;
        view.size = FIRST_ROWS;
        const wanted = visible && filter.narrows && view.run.count > 0;
        if (wanted && !view.details.open) {
          view.auto = true;
          view.details.open = true; // the toggle event renders it
        } else if (view.auto && view.details.open && !wanted) {
          view.auto = false;
          view.details.open = false;
        } else if (view.details.open) {
          render(view);
        }
      }
    }
    for (const group of [...subsections, ...sections]) group.heading.hidden = !group.articles.some((a) => !a.hidden);

    const narrowed = filter.narrows || filter.section !== '';
    controls.summary.textContent = narrowed
      ? `${number(matching)} of ${plural(total, 'finding', 'findings')} match, in ${plural(shown, 'requirement', 'requirements')}`
      : `${plural(total, 'finding', 'findings')} in ${plural(requirements.length, 'requirement', 'requirements')}; open a check to see its findings`;
    controls.summary.dataset.matching = String(matching);
    controls.summary.dataset.total = String(total);
    document.documentElement.dataset.filterVersion = String(version);
  };

  const clear = () => {
    for (const c of controls.statuses) c.checked = true;
    controls.account.value = '';
    controls.region.value = '';
    controls.section.value = '';
    controls.text.value = '';
    controls.sort.value = 'status';
    apply();
  };

  let typing = 0;
  toolbar.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  toolbar.addEventListener('change', (event) => {
    if (event.target !== controls.text) apply();
  });
  controls.text.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(apply, TYPING_PAUSE_MS);
  });
  controls.clear.addEventListener('click', clear);
  for (const button of document.querySelectorAll('button.account-view')) {
    button.addEventListener('click', () => {
      controls.account.value = button.dataset.account || '';
      apply();
      toolbar.scrollIntoView({ block: 'start' });
    });
  }

  apply();
  document.documentElement.dataset.findings = 'ready';
})();
