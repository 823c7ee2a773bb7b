// Frame popups (the fields of the rows a frame number stands for) and sortable tables. Nothing is fetched.
(function () {
  // #only=ID shows the header and that section or conversation alone (a link to share one part, or to screenshot it)
  var only = /^#only=([\w-]+)$/.exec(location.hash);
  if (only && document.getElementById(only[1])) {
    var keep = document.getElementById(only[1]);
    Array.prototype.forEach.call(document.querySelectorAll('main > section, article.conv'), function (s) {
      if (!s.contains(keep) && !keep.contains(s)) s.hidden = true;
    });
    Array.prototype.forEach.call(document.querySelectorAll('#diagrams > :not(article)'), function (e) {
      if (keep.tagName === 'ARTICLE') e.hidden = true;
    });
  }
  var frames = null;   // parsed on the first popup: a large report opens sooner
  function details(frame) {
    if (frames === null) frames = JSON.parse(document.getElementById('jd-frames').textContent);
    return frames[frame];
  }
  var pop = document.getElementById('jd-pop');
  var content = pop.querySelector('.content');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function open(frame, x, y) {
    var rows = details(frame);
    content.textContent = '';
    content.appendChild(el('h4', null, 'Frame ' + frame));
    if (!rows) content.appendChild(el('p', null, 'No fields kept for this frame.'));
    for (var source in rows) {
      var t = el('table', 'kv');
      t.appendChild(el('caption', null, source));
      var fields = rows[source];
      for (var id in fields) {
        var tr = el('tr');
        tr.appendChild(el('th', null, id));
        tr.appendChild(el('td', null, fields[id]));
        t.appendChild(tr);
      }
      content.appendChild(t);
    }
    pop.hidden = false;
    var w = pop.offsetWidth, h = pop.offsetHeight;
    pop.style.left = Math.max(8, Math.min(x + 12, window.innerWidth - w - 8)) + 'px';
    pop.style.top = Math.max(8, Math.min(y + 12, window.innerHeight - h - 8)) + 'px';
  }

  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target.closest('.fr') : null;
    if (t) { open(t.getAttribute('data-frame'), e.clientX, e.clientY); e.preventDefault(); return; }
    if (!pop.contains(e.target)) pop.hidden = true;
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') pop.hidden = true;
    if (e.key === 'Enter' && e.target.classList && e.target.classList.contains('fr')) {
      var r = e.target.getBoundingClientRect();
      open(e.target.getAttribute('data-frame'), r.left, r.bottom);
    }
  });
  pop.querySelector('.close').addEventListener('click', function () { pop.hidden = true; });

  // #frame=N opens frame N's popup at once (a link to one frame's fields)
  var linked = /^#frame=(\d+)$/.exec(location.hash);
  if (linked) open(linked[1], 40, 40);

  function value(td) {
    var v = td.getAttribute('data-v');
    var s = v !== null ? v : td.textContent;
    var n = parseFloat(s);
    return isNaN(n) || String(n) !== s.trim() && v === null ? s.toLowerCase() : n;
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a.cells[col]), y = value(b.cells[col]);
          var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
