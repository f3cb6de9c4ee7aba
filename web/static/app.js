// app.js - the little JavaScript the symcheck pages have. Every page works
// without it; with it, the quiz answers on tap without a full page reload
// (the next page is fetched and swapped in, and the address follows, so
// the back button and bookmarks still work), and the summary gets a Print
// button. No other host is contacted; only same-origin GET forms are taken.
'use strict';

(function () {
  function quizForm(form) {
    return form instanceof HTMLFormElement && form.classList.contains('question') &&
      form.method.toLowerCase() === 'get';
  }

  function urlFor(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    var url = new URL(form.action, location.href);
    url.search = new URLSearchParams(data).toString();
    return url;
  }

  function swap(html, url, push) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var next = doc.querySelector('main');
    var main = document.querySelector('main');
    if (!next || !main) {
      location.assign(url);
      return;
    }
    main.replaceWith(next);
    document.title = doc.title;
    if (push) {
      history.pushState({ symcheck: true }, '', url);
    }
    var heading = next.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    window.scrollTo(0, 0);
    enhance(next);
  }

  function load(url, push) {
    if (url.origin !== location.origin) {
      location.assign(url);
      return;
    }
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (type.indexOf('text/html') !== 0) {
          location.assign(url);
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html !== null) {
          swap(html, url, push);
        }
      })
      .catch(function () {
        location.assign(url);
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!quizForm(form) || !window.fetch || !window.DOMParser) {
      return;
    }
    event.preventDefault();
    load(urlFor(form, event.submitter), true);
  });

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.back, a.finish');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || !window.fetch) {
      return;
    }
    event.preventDefault();
    load(new URL(link.href, location.href), true);
  });

  window.addEventListener('popstate', function () {
    load(new URL(location.href), false);
  });

  function enhance(root) {
    root.querySelectorAll('.print-button').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  enhance(document);
})();

// Readers' stories: "N characters left" under the fields that have a
// limit (the form works the same without it; the server checks anyway).
(function () {
  function characters(text) {
    return Array.from(text).length; // code points, as the server counts
  }

  document.querySelectorAll('.counter[data-counter-for]').forEach(function (counter) {
    var field = document.getElementById(counter.getAttribute('data-counter-for'));
    var max = parseInt(counter.getAttribute('data-max'), 10);
    if (!field || !(max > 0)) {
      return;
    }
    function update() {
      var left = max - characters(field.value);
      counter.textContent = left >= 0
        ? left + (left === 1 ? ' character left.' : ' characters left.')
        : -left + ' too many.';
      counter.classList.toggle('counter-low', left < 0 || left < max / 20);
    }
    field.addEventListener('input', update);
    update();
  });
})();

// The helpful vote: sends the Yes / No form and swaps in the section the
// server answers with (its thanks and the new count), without leaving the
// page. Without JavaScript, or when anything fails, the form posts and the
// page reloads at #helpful as usual.
(function () {
  function section(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    return doc.getElementById('helpful');
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter;
    // a browser that does not say which button was pressed posts as usual
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('helpful-form') ||
        !button || !button.name || !window.fetch || !window.DOMParser ||
        !window.URLSearchParams) {
      return;
    }
    var data = new URLSearchParams(new FormData(form));
    data.append(button.name, button.value);
    event.preventDefault();
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok || !response.redirected) {
          throw new Error('not counted');
        }
        return response.text();
      })
      .then(function (html) {
        var next = section(html);
        var current = document.getElementById('helpful');
        if (!next || !current) {
          throw new Error('no section');
        }
        current.replaceWith(next);
        var thanks = next.querySelector('.helpful-thanks');
        if (thanks) {
          thanks.setAttribute('tabindex', '-1');
          thanks.focus();
        }
      })
      .catch(function () {
        // the plain way: the answer goes as a hidden field, since
        // form.submit() sends no button
        var answer = document.createElement('input');
        answer.type = 'hidden';
        answer.name = button.name;
        answer.value = button.value;
        form.appendChild(answer);
        form.submit();
      });
  });
})();
