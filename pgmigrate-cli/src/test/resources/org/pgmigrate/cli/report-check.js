// Appended to a copy of a report by HtmlReportIT: what the browser drew, written into the page as JSON.
(function () {
  var printRules = [];
  if (window.REPORT_CHECK_PRINT) {
    // lay the page out as printed: its print rules applied on top of the screen's
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      Array.prototype.forEach.call(sheet.cssRules, function (rule) {
        if (rule.media && rule.media.mediaText.indexOf('print') >= 0) {
          Array.prototype.forEach.call(rule.cssRules, function (r) { printRules.push(r.cssText); });
        }
      });
    });
    var style = document.createElement('style');
    style.textContent = printRules.join('\n');
    document.head.appendChild(style);
  }
  var vw = document.documentElement.clientWidth;
  var copyBars = {};
  document.querySelectorAll('figure.timeline rect.bar[data-kind="copy"]').forEach(function (b) {
    var t = b.getAttribute('data-table');
    copyBars[t] = (copyBars[t] || 0) + 1;
  });
  var kinds = {};
  document.querySelectorAll('figure.timeline rect.bar').forEach(function (b) {
    var k = b.getAttribute('data-kind');
    kinds[k] = (kinds[k] || 0) + 1;
  });
  var wider = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && wider.length < 20) {
      wider.push(e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(r.right) + ': '
          + (e.textContent || '').slice(0, 60));
    }
  });
  var check = {
    printRules: printRules.length,
    live: (document.querySelector('section.live') || {textContent: ''}).textContent,
    viewportWidth: vw,
    pageWidth: document.documentElement.scrollWidth,
    copyBars: copyBars,
    kinds: kinds,
    timelineBars: document.querySelectorAll('figure.timeline rect.bar').length,
    verificationRows: Array.prototype.map.call(document.querySelectorAll('table.verification tbody tr'),
        function (r) { return r.getAttribute('data-table'); }),
    tableRows: Array.prototype.map.call(document.querySelectorAll('table.tables tbody tr'),
        function (r) { return r.getAttribute('data-table'); }),
    error: (document.querySelector('section.error') || {textContent: ''}).textContent,
    wider: wider
  };
  var out = document.createElement('pre');
  out.id = 'report-check';
  out.textContent = JSON.stringify(check);
  document.body.appendChild(out);
})();
