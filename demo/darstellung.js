// Demo: a functional feature that remembers the font size in a cookie. The page includes it
// blocked (type="text/plain" data-category="functional"), so it runs only with consent.
(function () {
  var english = document.documentElement.lang === 'en';
  var box = document.getElementById('darstellung');
  var saved = (document.cookie.match(/(?:^|; )anx_font_size=(\d+)/) || [])[1];
  var apply = function (size) { document.documentElement.style.fontSize = size + '%'; };
  if (saved) apply(saved);
  document.getElementById('darstellung-hinweis').textContent = english ? 'Your font size is remembered.' : 'Die gewählte Schriftgröße wird gespeichert.';
  [['A', 100], ['A+', 115], ['A++', 130]].forEach(function (option) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = option[0];
    button.setAttribute('aria-label', (english ? 'Font size ' : 'Schriftgröße ') + option[1] + ' %');
    button.onclick = function () {
      apply(option[1]);
      document.cookie = 'anx_font_size=' + option[1] + '; path=/; max-age=15552000; samesite=lax';
    };
    box.appendChild(button);
  });
  (window.__demoRan = window.__demoRan || []).push('darstellung');
})();
