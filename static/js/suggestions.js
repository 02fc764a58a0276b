// Suggestions while typing in the search boxes (inputs with data-suggest, see the template tag
// `suggest_attributes`): the WAI-ARIA "combobox with listbox popup" pattern. After two letters
// the box asks /api/zoeken/suggesties/ (150 ms after the last key, an older request cancelled)
// and lists themes, provinces, organisations and initiatives, grouped by kind. Down and Up move
// through them, Enter opens the active one (or searches when none is), Escape closes the list
// and a second Escape clears the box; a click or tap opens one too. A polite live region says
// how many there are. Without this file the box is a plain search form.
(function () {
  "use strict";

  var DELAY = 150;
  var MIN_LENGTH = 2;
  var ANNOUNCE_AFTER = 50;

  function fold(value) {
    return value
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
  }

  function make(tag, attrs, text) {
    var element = document.createElement(tag);
    Object.keys(attrs).forEach(function (name) {
      element.setAttribute(name, attrs[name]);
    });
    if (text) element.textContent = text;
    return element;
  }

  function enhance(input) {
    var texts = JSON.parse(input.dataset.suggestTexts || "{}");
    var host = input.parentElement;
    var listId = input.id + "-suggesties";
    var list = make("div", {
      id: listId,
      class: "suggest__list",
      role: "listbox",
      "aria-label": texts.label || "",
    });
    var status = make("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    list.hidden = true;
    host.classList.add("suggest-host");
    host.append(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;
    var announceTimer = null;

    function announce(message) {
      window.clearTimeout(announceTimer);
      status.textContent = "";
      // A new text in an emptied region: read again even when it is the same as before.
      announceTimer = window.setTimeout(function () {
        status.textContent = message;
      }, ANNOUNCE_AFTER);
    }

    function isOpen() {
      return !list.hidden;
    }

    function setActive(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function open() {
      if (!items.length) return false;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      return true;
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function cancel() {
      window.clearTimeout(timer);
      if (pending) pending.abort();
      pending = null;
    }

    function render(found) {
      items = found;
      options = [];
      active = -1;
      list.replaceChildren();
      var group = null;
      var kind = null;
      items.forEach(function (item, index) {
        if (item.kind !== kind) {
          kind = item.kind;
          var headingId = listId + "-" + kind;
          group = make("div", { role: "group", "aria-labelledby": headingId });
          group.append(
            make(
              "div",
              { id: headingId, role: "presentation", class: "suggest__group" },
              (texts.groups || {})[kind] || kind
            )
          );
          list.append(group);
        }
        var option = make(
          "div",
          {
            id: listId + "-" + index,
            role: "option",
            class: "suggest__option",
            "aria-selected": "false",
            "data-index": String(index),
          },
          item.label
        );
        options.push(option);
        group.append(option);
      });
      if (items.length) {
        open();
        announce(
          items.length === 1 ? texts.one : (texts.many || "").replace("{count}", items.length)
        );
      } else {
        close();
        announce(texts.none || "");
      }
    }

    function ask(text) {
      cancel();
      pending = window.AbortController ? new AbortController() : null;
      var url = input.dataset.suggest + "?" + new URLSearchParams({ q: text });
      fetch(url, {
        signal: pending ? pending.signal : undefined,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          pending = null;
          if (input.value.trim() === text && document.activeElement === input) {
            render(data.suggestions || []);
          }
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            items = [];
            close();
          }
        });
    }

    function typed() {
      cancel();
      var text = input.value.trim();
      if (fold(text).length < MIN_LENGTH) {
        items = [];
        close();
        return;
      }
      setActive(-1);
      timer = window.setTimeout(function () {
        ask(text);
      }, DELAY);
    }

    function go(index) {
      var item = items[index];
      if (!item) return;
      close();
      window.location.assign(item.url);
    }

    function move(step) {
      if (!isOpen()) {
        if (!open()) {
          typed();
          return;
        }
        setActive(step > 0 ? 0 : options.length - 1);
        return;
      }
      var next = active + step;
      if (next >= options.length) next = 0;
      if (next < 0) next = options.length - 1;
      setActive(next);
    }

    input.addEventListener("input", typed);
    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") {
        event.preventDefault();
        open();
        return;
      }
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          move(1);
          break;
        case "ArrowUp":
          event.preventDefault();
          move(-1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(active);
          } else {
            cancel();
            close();
          }
          break;
        case "Escape":
          // Chromium clears a search box on Escape by itself: once the list is closed, we do.
          event.preventDefault();
          if (isOpen()) {
            close();
          } else if (input.value) {
            cancel();
            input.value = "";
            items = [];
          }
          break;
        case "Tab":
          close();
          break;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          setActive(-1);
          break;
        default:
          break;
      }
    });
    input.addEventListener("blur", function () {
      cancel();
      close();
    });
    // Keeps the focus in the box while an option is pressed, so that the click reaches it.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) go(Number(option.dataset.index));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch || !window.URLSearchParams) return;
    document.querySelectorAll("input[data-suggest][id]").forEach(enhance);
  });
})();
