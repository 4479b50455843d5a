// Demo only: shows the consent state the page API reports, and can forget the decision.
(function () {
  var english = document.documentElement.lang === 'en';
  var t = english
    ? { none: 'nothing', undecided: 'no decision yet', id: 'Consent ID', date: 'Decided', on: 'on', off: 'off',
        admin: 'Receipts of every decision (data-protection view, token in the terminal)' }
    : { none: 'nichts', undecided: 'noch keine Entscheidung', id: 'Einwilligungs-ID', date: 'Entschieden', on: 'an', off: 'aus',
        admin: 'Nachweise aller Entscheidungen (Ansicht für den Datenschutz, Token im Terminal)' };

  // The receipt server's admin page (server/): every receipt the widget posted lands there.
  var panel = document.querySelector('.demo-panel');
  if (panel) {
    var p = document.createElement('p');
    var link = document.createElement('a');
    link.href = '/admin';
    link.textContent = t.admin;
    p.append(link);
    panel.append(p);
  }

  function render(consent) {
    var list = document.getElementById('demo-status');
    list.textContent = '';
    var add = function (term, value) {
      var dt = document.createElement('dt');
      dt.textContent = term;
      var dd = document.createElement('dd');
      dd.textContent = value;
      list.append(dt, dd);
    };
    if (!consent) add('Status', t.undecided);
    else {
      Object.keys(consent.categories).forEach(function (id) { add(id, consent.categories[id] ? t.on : t.off); });
      add(t.id, consent.id);
      add(t.date, new Date(consent.decidedAt).toLocaleString(english ? 'en-GB' : 'de-DE'));
    }
  }
  function showRan() {
    document.getElementById('demo-ran').textContent = (window.__demoRan || []).join(', ') || t.none;
  }

  window.addEventListener('asmeronexa-consent:change', function (e) { render(e.detail); setTimeout(showRan, 500); });
  function whenReady() {
    if (!window.asmeronexaConsent) return setTimeout(whenReady, 20);
    window.asmeronexaConsent.on('ready', function (consent) { render(consent); setTimeout(showRan, 500); });
  }
  whenReady();

  document.querySelectorAll('[data-demo]').forEach(function (button) {
    button.addEventListener('click', function () {
      var api = window.asmeronexaConsent;
      api[button.getAttribute('data-demo')]();
    });
  });
})();
