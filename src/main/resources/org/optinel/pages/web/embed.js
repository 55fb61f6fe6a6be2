/* Optinel hosted form, embedded: put this script where the form should appear.
   It loads the form from the address it was itself loaded from, and sends it there with fetch.
   The form's site must be one of the form's embedOrigins, or the browser refuses the answers. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  var endpoint = script.src.replace(/\/embed\.js(\?.*)?$/, '');
  var wanted = (script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || 'fr')
    .slice(0, 2).toLowerCase();
  var box = document.createElement('div');
  box.className = 'optinel-embed';
  box.setAttribute('aria-live', 'polite');
  script.parentNode.insertBefore(box, script);

  function show(response) {
    return response.text().then(function (html) {
      box.innerHTML = html;
      var redirect = box.querySelector('[data-optinel-redirect]');
      if (redirect) {
        window.location.assign(redirect.getAttribute('data-optinel-redirect'));
        return;
      }
      var form = box.querySelector('form');
      if (form) {
        form.addEventListener('submit', send);
      }
      Array.prototype.forEach.call(box.querySelectorAll('a[data-optinel-lang]'), function (link) {
        link.addEventListener('click', function (event) {
          event.preventDefault();
          load(link.getAttribute('data-optinel-lang'));
        });
      });
    });
  }

  function failed() {
    box.textContent = document.documentElement.lang === 'en'
      ? 'The form could not be loaded.' : 'Le formulaire n\u2019a pas pu être chargé.';
  }

  function load(language) {
    fetch(endpoint + '?fragment=1&lang=' + encodeURIComponent(language), { mode: 'cors', credentials: 'omit' })
      .then(show, failed);
  }

  function send(event) {
    event.preventDefault();
    var body = new URLSearchParams(new FormData(event.target));
    fetch(endpoint + '?fragment=1', { method: 'POST', mode: 'cors', credentials: 'omit', body: body })
      .then(show, failed);
  }

  load(wanted === 'en' ? 'en' : 'fr');
})();
