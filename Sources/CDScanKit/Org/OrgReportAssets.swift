/// The dashboard's stylesheet and scripts, inlined into `index.html` (the page loads nothing).
/// Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies — blue for what is
/// met, vermillion for a deficit that is present, grey for a capability that is missing — and every
/// cell state also has its own mark, so colour is never the only cue.
enum OrgReportAssets {
    static let css = #"""
:root {
  --ink: #1d232b; --muted: #5b6470; --faint: #8a929c; --line: #e3e6ea; --bg: #f4f6f8; --panel: #ffffff;
  --met: #0072b2; --files: #8fc4e8; --gap: #cfd4da; --deficit: #d55e00; --escaped: #ffffff; --declared: #7b3f98; --dormant: #8a6100;
  --l1: #d6e3ef; --l2: #a9c8e2; --l3: #6fa3cf; --l4: #3a78b0; --l5: #1a4c80; --none: #e9ebee;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 2px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 0 0 4px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
p.lead, .sub { color: var(--muted); margin: 0 0 14px; }
a { color: var(--met); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin: 16px 0 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.card .value { font-size: 28px; font-weight: 650; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card.failed .value { color: var(--deficit); }
.card.dormant .value { color: var(--dormant); }
.stand { display: grid; grid-template-columns: 1.1fr 2fr; gap: 28px; }
.columns { display: flex; align-items: flex-end; gap: 12px; height: 190px; padding-top: 6px; border-bottom: 1px solid var(--line); }
.column { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: flex-end; height: 100%; }
.column .count { font-weight: 650; font-variant-numeric: tabular-nums; margin-bottom: 3px; }
.column .bar { width: 100%; max-width: 52px; border-radius: 4px 4px 0 0; min-height: 2px; }
.column-labels { display: flex; gap: 12px; }
.column-labels span { flex: 1; text-align: center; font-size: 11px; color: var(--muted); line-height: 1.2; padding-top: 4px; }
.column-labels b { display: block; color: var(--ink); font-size: 12px; }
.dims { display: grid; grid-template-columns: repeat(3, 1fr); gap: 18px; }
.dim h3 { margin-top: 0; }
.hbar { display: grid; grid-template-columns: 62px 1fr 30px; align-items: center; gap: 6px; margin: 3px 0; font-size: 12px; }
.hbar .track { background: #f0f2f4; border-radius: 3px; height: 14px; overflow: hidden; }
.hbar .fill { height: 100%; border-radius: 3px; }
.hbar .n { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.hbar .lab { color: var(--muted); }
.lv1 { background: var(--l1); } .lv2 { background: var(--l2); } .lv3 { background: var(--l3); }
.lv4 { background: var(--l4); } .lv5 { background: var(--l5); } .lvnone { background: var(--none); }
.controls { display: flex; gap: 10px; align-items: center; margin: 10px 0 12px; flex-wrap: wrap; }
.controls input, .controls select { font: inherit; padding: 5px 9px; border: 1px solid #cdd2d8; border-radius: 6px; background: #fff; }
.controls input { width: 260px; }
.controls .shown { color: var(--muted); margin-left: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12px; color: var(--muted); margin: 6px 0 4px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend .cell { display: inline-block; }
.scroll { overflow: auto; max-height: 780px; }
table.grid thead { position: sticky; top: 0; z-index: 2; background: #fff; }
table.grid { border-collapse: separate; border-spacing: 0; font-size: 12px; }
table.grid th, table.grid td { padding: 0; }
table.grid thead th { font-weight: 600; color: var(--muted); background: #fff; }
table.grid th.sort { text-align: left; vertical-align: bottom; padding: 0 6px 4px 0; white-space: nowrap; }
table.grid th.sort button { font: inherit; font-weight: 600; color: var(--ink); background: none; border: 0; padding: 2px 0; cursor: pointer; }
table.grid th.sort button[aria-sort]::after { content: " ▾"; color: var(--met); }
table.grid th.sort button[aria-sort="ascending"]::after { content: " ▴"; }
table.grid th.lvl { text-align: center; color: var(--ink); font-size: 11px; border-bottom: 1px solid var(--line); padding: 2px 0; }
table.grid th.dim { text-align: center; font-size: 10px; font-weight: 500; padding: 2px 0; }
table.grid th.col { width: 15px; text-align: center; font-size: 10px; cursor: help; padding: 1px 0 3px; }
table.grid .first { border-left: 4px solid #fff; }
table.grid tr.org th { padding: 2px 0 6px; border-bottom: 1px solid var(--line); }
table.grid tr.org th.orglabel { text-align: right; padding-right: 10px; font-weight: 500; font-size: 11px; }
.share { width: 14px; height: 22px; margin: 0 0 0 1px; background: #eef0f3; border-radius: 2px; position: relative; overflow: hidden; cursor: help; }
.share > div { position: absolute; left: 0; right: 0; bottom: 0; background: var(--met); }
.share.def > div { background: var(--deficit); }
table.grid td.name { max-width: 190px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding: 1px 8px 1px 0; }
table.grid td.num { text-align: center; padding: 1px 4px; font-variant-numeric: tabular-nums; }
table.grid tbody tr:hover td { background: #f3f7fb; }
table.grid tbody tr.failed td.name a { color: var(--deficit); }
.pill { display: inline-block; min-width: 26px; padding: 0 5px; border-radius: 9px; font-size: 11px; font-weight: 650; text-align: center; }
.pill.lv4, .pill.lv5 { color: #fff; }
.cell { width: 14px; height: 15px; line-height: 15px; font-size: 10px; font-weight: 700; text-align: center; border-radius: 2px; margin: 1px 0 0 1px; }
td > .cell { margin: 1px auto 0 1px; }
.cell.cap.met { background: var(--met); color: #fff; }
.cell.cap.files { background: var(--files); color: #0b3a5c; }
.cell.cap.not { background: var(--gap); }
.cell.unknown { background: repeating-linear-gradient(135deg, #fff 0 3px, #d9dde2 3px 5px); color: var(--muted); }
.cell.def.met, .cell.def.files { background: var(--deficit); color: #fff; }
.cell.def.not { background: var(--escaped); box-shadow: inset 0 0 0 1px #d5dae0; }
.cell.decl { box-shadow: inset 0 0 0 2px var(--declared); }
.cell.cap.decl.met { background: var(--met); }
.cell.cap.decl.not { background: var(--gap); color: var(--declared); }
.cell.def.decl.not { color: var(--declared); }
.cell.none { background: transparent; }
.cell.na, .cell.skipped { background: transparent; color: var(--muted); box-shadow: inset 0 0 0 1px #d5dae0; }
.cell.suppressed { background: #eef0f3; color: var(--muted); }
td.failure { color: var(--deficit); font-size: 12px; padding-left: 6px; white-space: normal; overflow-wrap: anywhere; }
.gaps { display: grid; grid-template-columns: 1fr 1fr; column-gap: 36px; }
.gap { display: grid; grid-template-columns: 1fr 130px 64px; gap: 10px; align-items: center; padding: 6px 0; border-bottom: 1px solid var(--line); }
.gap .what b { font-weight: 600; }
.gap .tag { display: block; font-size: 11px; color: var(--muted); }
.gap .tag.deficit { color: var(--deficit); }
.gap details summary { font-size: 11px; color: var(--muted); cursor: pointer; }
.gap details p { margin: 2px 0 0; font-size: 12px; color: var(--muted); }
.gap .track { background: #f0f2f4; border-radius: 3px; height: 12px; }
.gap .fill { height: 100%; border-radius: 3px; background: var(--gap); }
.gap .fill.deficit { background: var(--deficit); }
.gap .n { text-align: right; font-variant-numeric: tabular-nums; }
.trend svg { width: 100%; height: auto; display: block; }
.trend .axis { stroke: #c8ced5; stroke-width: 1; }
.trend .grid { stroke: #eef0f2; stroke-width: 1; }
.trend .repo { fill: none; stroke: #9aa3ad; stroke-width: 1.2; stroke-opacity: 0.45; }
.trend .repo:hover { stroke: var(--deficit); stroke-opacity: 1; stroke-width: 2.5; }
.trend .median { fill: none; stroke: var(--met); stroke-width: 3; }
.trend .mean { fill: none; stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 5 4; }
.trend text { font-size: 11px; fill: var(--muted); font-family: inherit; }
.trend .dot { fill: var(--met); }
.trend text.n { font-size: 10px; fill: var(--faint); }
.trend .pop { fill: var(--files); }
.trend .trend-radio { margin: 0 4px 12px 0; vertical-align: middle; }
.trend .trend-radio + label { margin-right: 22px; cursor: pointer; font-weight: 600; }
.trend .trend-radio:disabled + label { color: var(--faint); cursor: default; font-weight: 400; }
.trend .trend-view { display: none; }
.trend #trend-cohort:checked ~ .trend-view.cohort, .trend #trend-all:checked ~ .trend-view.all { display: block; }

details.repo { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 6px; background: #fff; }
details.repo[open] { box-shadow: 0 1px 6px rgba(20, 30, 40, 0.08); }
details.repo > summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 12px; align-items: center; list-style: none; }
details.repo > summary::-webkit-details-marker { display: none; }
details.repo > summary::before { content: "▸"; color: var(--faint); }
details.repo[open] > summary::before { content: "▾"; }
details.repo > summary .rname { font-weight: 600; }
details.repo > summary .meta { color: var(--muted); font-size: 12px; margin-left: auto; }
details.repo .body { padding: 0 16px 12px 34px; }
details.repo .body ul { margin: 4px 0; padding-left: 18px; }
details.repo .body li { margin: 3px 0; }
details.repo .ev { color: var(--muted); font-size: 12px; }
details.repo .ev code { color: var(--ink); }
details.repo .error { color: var(--deficit); white-space: pre-wrap; }
.badge { font-size: 10px; font-weight: 600; padding: 0 5px; border-radius: 8px; background: #eef2f6; color: var(--muted); margin-left: 4px; }
.badge.files { background: #e3f0f9; color: #0b5a8c; }
.badge.declared { background: #f2e9f6; color: var(--declared); }
.badge.deficit { background: #fbe9dc; color: #9a4300; }
.badge.dormant { background: #fdf1d2; color: var(--dormant); }
table.grid td.name .badge.dormant { margin: 0 6px 0 0; }
.facts { color: var(--muted); font-size: 12px; margin: 2px 0 8px; }
footer { color: var(--faint); font-size: 12px; text-align: center; margin-top: 24px; }
"""#

    /// Runs first: any later script error is written onto `<html data-script-errors>`, where a headless
    /// browser test can read it from the DOM.
    static let errorTrap = #"""
window.addEventListener('error', function (event) {
  var root = document.documentElement;
  var message = (event && event.message ? event.message : 'script error') + ' (line ' + (event && event.lineno || 0) + ')';
  root.setAttribute('data-script-errors', (root.getAttribute('data-script-errors') || '') + message + '\n');
});
"""#

    /// Renders the totals, the level distributions and the repositories × characteristics table from the
    /// embedded data, with sorting and filtering. Data goes into the page only through `textContent`,
    /// `title` and `setAttribute`, never as markup.
    static let script = #"""
(function () {
  'use strict';
  var root = document.documentElement;
  function fail(message) {
    root.setAttribute('data-script-errors', (root.getAttribute('data-script-errors') || '') + message + '\n');
  }
  try {
    var data = JSON.parse(document.getElementById('data').textContent);
    var repos = data.repositories;
    var columns = data.columns;
    var levelNames = data.levelNames;

    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined && text !== null) node.textContent = String(text);
      return node;
    }
    function median(values) {
      if (!values.length) return null;
      var sorted = values.slice().sort(function (a, b) { return a - b; });
      var middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
    function mean(values) {
      if (!values.length) return null;
      var sum = values.reduce(function (a, b) { return a + b; }, 0);
      return Math.round(sum / values.length * 100) / 100;
    }
    function shown(value) { return value === null || value === undefined ? '—' : String(value); }
    function levelText(level) { return level === null || level === undefined ? '—' : 'L' + level; }
    function percent(value) { return value === null || value === undefined ? '—' : Math.round(value * 100) + '%'; }

    // Totals, counted here from the rows (the page proves its own arithmetic against org.json).
    var scanned = repos.filter(function (r) { return r.status === 'scanned'; });
    var overall = scanned.map(function (r) { return r.level; });
    function known(levels) { return levels.filter(function (l) { return l !== null && l !== undefined; }); }
    function put(attribute, value) {
      var node = document.querySelector('[' + attribute + ']');
      if (node) node.textContent = shown(value);
    }
    put('data-total-repositories', repos.length);
    put('data-total-scanned', scanned.length);
    put('data-total-failed', repos.length - scanned.length);
    put('data-total-dormant', scanned.filter(function (r) { return r.dormant === true; }).length);
    put('data-median-level', median(known(overall)));
    put('data-mean-level', mean(known(overall)));

    function counts(levels) {
      var result = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, none: 0 };
      levels.forEach(function (l) { if (l === null || l === undefined) result.none += 1; else result[String(l)] += 1; });
      return result;
    }
    var keys = ['1', '2', '3', '4', '5', 'none'];

    // The overall level distribution: one column per level.
    var overallCounts = counts(overall);
    var most = Math.max.apply(null, keys.map(function (k) { return overallCounts[k]; }).concat([1]));
    var bars = document.getElementById('level-columns');
    var labels = document.getElementById('level-labels');
    keys.forEach(function (k) {
      var column = el('div', 'column');
      var count = el('span', 'count', overallCounts[k]);
      count.setAttribute('data-level-count', k);
      var bar = el('div', 'bar lv' + k);
      bar.style.height = (overallCounts[k] / most * 80) + '%';
      bar.title = (k === 'none' ? 'No level' : 'L' + k + ' ' + levelNames[k]) + ': ' + overallCounts[k];
      column.appendChild(count);
      column.appendChild(bar);
      bars.appendChild(column);
      var label = el('span');
      label.appendChild(el('b', null, k === 'none' ? 'none' : 'L' + k));
      label.appendChild(document.createTextNode(k === 'none' ? 'no level' : levelNames[k]));
      labels.appendChild(label);
    });

    // People, Process and Tech: one small bar list each.
    var dims = document.getElementById('dimension-bars');
    [['people', 'People'], ['process', 'Process'], ['tech', 'Tech']].forEach(function (pair) {
      var dimCounts = counts(scanned.map(function (r) { return r[pair[0]]; }));
      var levels = known(scanned.map(function (r) { return r[pair[0]]; }));
      var box = el('div', 'dim');
      var title = el('h3', null, pair[1] + ' ');
      var med = el('span', 'sub', '· median ' + shown(median(levels)));
      med.setAttribute('data-dimension-median', pair[0]);
      title.appendChild(med);
      box.appendChild(title);
      var biggest = Math.max.apply(null, keys.map(function (k) { return dimCounts[k]; }).concat([1]));
      ['5', '4', '3', '2', '1', 'none'].forEach(function (k) {
        var row = el('div', 'hbar');
        row.appendChild(el('span', 'lab', k === 'none' ? 'no level' : 'L' + k));
        var track = el('div', 'track');
        var fill = el('div', 'fill lv' + k);
        fill.style.width = (dimCounts[k] / biggest * 100) + '%';
        track.appendChild(fill);
        row.appendChild(track);
        var n = el('span', 'n', dimCounts[k]);
        n.setAttribute('data-dimension-count', pair[0] + ':' + k);
        row.appendChild(n);
        box.appendChild(row);
      });
      dims.appendChild(box);
    });

    // The repositories × characteristics table.
    var cellStates = {
      M: ['met', 'met'], F: ['files', 'met by files only'], N: ['not', 'not met'], U: ['unknown', 'unknown'],
      D: ['decl met', 'declared met'], X: ['decl not', 'declared not met'], '-': ['none', 'not judged'],
      A: ['na', 'not applicable to this kind of project'], S: ['suppressed', 'suppressed in .cdscan.yml'], K: ['skipped', 'skipped in this run']
    };
    function mark(code, deficit) {
      if (code === 'D' || code === 'X') return 'd';
      if (code === 'A') return '–';
      if (code === 'S') return 's';
      if (deficit && (code === 'M' || code === 'F')) return '!';
      if (code === 'F') return '~';
      return '';
    }
    var table = document.getElementById('grid');
    var thead = el('thead');
    var top = el('tr'), middle = el('tr'), bottom = el('tr');
    var sortKeys = [['name', 'Repository'], ['level', 'Level'], ['people', 'People'], ['process', 'Process'], ['tech', 'Tech'], ['coverage', 'Coverage']];
    var sortState = { key: 'name', ascending: true };
    var sortButtons = {};
    sortKeys.forEach(function (pair) {
      var th = el('th', 'sort');
      th.rowSpan = 3;
      var button = el('button', null, pair[1]);
      button.type = 'button';
      button.setAttribute('data-sort', pair[0]);
      button.addEventListener('click', function () {
        if (sortState.key === pair[0]) sortState.ascending = !sortState.ascending;
        else sortState = { key: pair[0], ascending: pair[0] === 'name' };
        update();
      });
      sortButtons[pair[0]] = button;
      th.appendChild(button);
      top.appendChild(th);
    });
    var dimShort = { people: 'Pe', process: 'Pr', tech: 'Te' };
    var dimLong = { people: 'People', process: 'Process', tech: 'Tech' };
    var groups = [];
    columns.forEach(function (c, i) {
      var last = groups[groups.length - 1];
      if (!last || last.level !== c.level) groups.push({ level: c.level, dims: [], start: i });
      var g = groups[groups.length - 1];
      var d = g.dims[g.dims.length - 1];
      if (!d || d.dimension !== c.dimension) g.dims.push({ dimension: c.dimension, span: 0 });
      g.dims[g.dims.length - 1].span += 1;
    });
    var firstOfLevel = {};
    groups.forEach(function (g) {
      var span = g.dims.reduce(function (a, d) { return a + d.span; }, 0);
      var th = el('th', 'lvl first', 'L' + g.level);
      th.colSpan = span;
      th.title = 'Level ' + g.level + ' — ' + levelNames[String(g.level)];
      top.appendChild(th);
      firstOfLevel[g.start] = true;
      var offset = g.start;
      g.dims.forEach(function (d) {
        var dth = el('th', 'dim' + (offset === g.start ? ' first' : ''), dimShort[d.dimension] || d.dimension);
        dth.colSpan = d.span;
        dth.title = 'L' + g.level + ' ' + (dimLong[d.dimension] || d.dimension);
        middle.appendChild(dth);
        offset += d.span;
      });
    });
    columns.forEach(function (c, i) {
      var th = el('th', 'col' + (firstOfLevel[i] ? ' first' : ''), c.kind === 'deficit' ? '▵' : (c.defining ? '★' : '•'));
      th.title = c.title + '\n' + c.id + ' — L' + c.level + ' ' + (dimLong[c.dimension] || c.dimension) + ', ' +
        c.kind + (c.defining ? ', defining practice' : '');
      th.setAttribute('data-characteristic', c.id);
      bottom.appendChild(th);
    });
    thead.appendChild(top);
    thead.appendChild(middle);
    thead.appendChild(bottom);
    // The organisation's row: per characteristic, the share of the shown repositories that meet it
    // (for a deficit: that show it), as a filled bar.
    var orgRow = el('tr', 'org');
    var orgLabel = el('th', 'orglabel', 'Share of the shown repositories meeting each (deficits: showing it)');
    orgLabel.colSpan = sortKeys.length;
    orgRow.appendChild(orgLabel);
    var shareCells = columns.map(function (c, i) {
      var th = el('th', firstOfLevel[i] ? 'first' : null);
      var box = el('div', 'share' + (c.kind === 'deficit' ? ' def' : ''));
      var fill = el('div');
      box.appendChild(fill);
      th.appendChild(box);
      orgRow.appendChild(th);
      return { box: box, fill: fill, column: c };
    });
    thead.appendChild(orgRow);
    function updateShares(visibleRepos) {
      var judged = visibleRepos.filter(function (r) { return r.status === 'scanned'; });
      shareCells.forEach(function (item, i) {
        var met = judged.filter(function (r) { var code = r.cells.charAt(i); return code === 'M' || code === 'F' || code === 'D'; }).length;
        var share = judged.length ? met / judged.length : 0;
        item.fill.style.height = Math.round(share * 100) + '%';
        item.box.title = item.column.title + '\n' + (item.column.kind === 'deficit' ? 'present in ' : 'met by ') + met + ' of ' +
          judged.length + ' repositories (' + Math.round(share * 100) + '%)';
        item.box.setAttribute('data-share', item.column.id + ':' + met);
      });
    }
    table.appendChild(thead);
    var tbody = el('tbody');
    table.appendChild(tbody);

    var rows = repos.map(function (r, index) {
      var tr = el('tr', r.status === 'failed' ? 'failed' : null);
      tr.setAttribute('data-repo-row', String(index));
      var name = el('td', 'name');
      var link = el('a', null, r.name);
      link.href = '#' + r.anchor;
      link.title = r.name;
      link.addEventListener('click', function () {
        var target = document.getElementById(r.anchor);
        if (target) target.open = true;
      });
      // Before the name, so a long name's ellipsis never hides it.
      if (r.dormant === true) {
        var quiet = el('span', 'badge dormant', 'dormant');
        quiet.title = 'no commit since ' + (r.lastCommit || '?');
        name.appendChild(quiet);
      }
      name.appendChild(link);
      tr.appendChild(name);
      var level = el('td', 'num');
      if (r.level !== null && r.level !== undefined) level.appendChild(el('span', 'pill lv' + r.level, 'L' + r.level));
      else level.textContent = r.status === 'failed' ? '' : '—';
      tr.appendChild(level);
      ['people', 'process', 'tech'].forEach(function (d) { tr.appendChild(el('td', 'num', r.status === 'failed' ? '' : levelText(r[d]))); });
      tr.appendChild(el('td', 'num', r.status === 'failed' ? '' : percent(r.coverage)));
      if (r.status === 'failed') {
        var failure = el('td', 'failure', 'scan failed: ' + (r.error || 'unknown error'));
        failure.colSpan = columns.length;
        failure.title = r.error || '';
        tr.appendChild(failure);
      } else {
        columns.forEach(function (c, i) {
          var code = r.cells.charAt(i) || '-';
          var state = cellStates[code] || cellStates['-'];
          var deficit = c.kind === 'deficit';
          var td = el('td', firstOfLevel[i] ? 'first' : null);
          var cell = el('div', 'cell ' + (deficit ? 'def ' : 'cap ') + state[0], mark(code, deficit));
          cell.title = r.name + '\n' + c.title + ' (' + c.id + ')\n' + state[1] + (deficit ? ' — a deficit' + (code === 'M' || code === 'F' || code === 'D' ? ' that is present' : '') : '');
          td.appendChild(cell);
          tr.appendChild(td);
        });
      }
      return { repo: r, row: tr };
    });

    var filterText = document.getElementById('filter-text');
    var filterLevel = document.getElementById('filter-level');
    var shownCount = document.querySelector('[data-visible-count]');
    function sortValue(r, key) {
      var value = r[key];
      return value === null || value === undefined ? -1 : value;
    }
    function byName(a, b) { return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }); }
    function update() {
      var text = filterText.value.trim().toLowerCase();
      var level = filterLevel.value;
      var key = sortState.key, direction = sortState.ascending ? 1 : -1;
      var ordered = rows.slice().sort(function (a, b) {
        if (key === 'name') return direction * byName(a.repo, b.repo);
        var x = sortValue(a.repo, key), y = sortValue(b.repo, key);
        if (x < y) return -direction;
        if (x > y) return direction;
        return byName(a.repo, b.repo);
      });
      var visible = 0;
      var visibleRepos = [];
      ordered.forEach(function (item) {
        var r = item.repo;
        var match = (!text || r.name.toLowerCase().indexOf(text) >= 0) &&
          (level === 'all' || (level === 'failed' ? r.status === 'failed'
            : level === 'dormant' ? r.dormant === true
            : level === 'none' ? (r.status === 'scanned' && (r.level === null || r.level === undefined))
            : r.level === Number(level)));
        item.row.hidden = !match;
        if (match) { visible += 1; visibleRepos.push(item.repo); }
        tbody.appendChild(item.row);
      });
      updateShares(visibleRepos);
      Object.keys(sortButtons).forEach(function (k) {
        if (k === key) sortButtons[k].setAttribute('aria-sort', sortState.ascending ? 'ascending' : 'descending');
        else sortButtons[k].removeAttribute('aria-sort');
      });
      if (shownCount) shownCount.textContent = visible === repos.length ? 'all ' + visible + ' repositories' : visible + ' of ' + repos.length + ' repositories';
      if (shownCount) shownCount.setAttribute('data-visible-count', String(visible));
    }
    filterText.addEventListener('input', update);
    filterLevel.addEventListener('change', update);
    update();

    function openFromHash() {
      var id = decodeURIComponent(location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (target && target.tagName === 'DETAILS') target.open = true;
    }
    window.addEventListener('hashchange', openFromHash);
    openFromHash();

    root.setAttribute('data-rendered', 'true');
  } catch (error) {
    fail('render: ' + (error && error.message ? error.message : String(error)));
  }
})();
"""#
}
