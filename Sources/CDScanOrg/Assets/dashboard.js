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
