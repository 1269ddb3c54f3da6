/* Local Offer chat widget. Embed with one tag:
 *   <script src="https://assistant.example.org/widget.js" defer></script>
 * No build step, no dependencies. Talks only to the api that served this file. */
(function () {
  "use strict";
  if (window.__localOfferWidget) return;
  window.__localOfferWidget = true;

  var script = document.currentScript;
  var API = script ? new URL(script.src, location.href).origin : location.origin;
  var STORE = "localoffer-chat";
  var state = load();

  var css = [
    ".lo-launch{position:fixed;right:16px;bottom:16px;z-index:9999;background:#1d3f6e;color:#fff;border:3px solid #fff;",
    "border-radius:24px;padding:12px 18px;font:600 16px/1.3 Arial,sans-serif;cursor:pointer;box-shadow:0 2px 6px #0006}",
    ".lo-launch:focus-visible,.lo-panel button:focus-visible,.lo-panel a:focus-visible,.lo-panel textarea:focus-visible,",
    ".lo-panel select:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}",
    ".lo-panel{position:fixed;right:16px;bottom:80px;z-index:9999;width:min(400px,calc(100vw - 32px));",
    "max-height:calc(100vh - 110px);display:flex;flex-direction:column;background:#fff;color:#0b0c0c;",
    "border:2px solid #1d3f6e;border-radius:8px;font:16px/1.4 Arial,sans-serif;box-shadow:0 4px 16px #0005}",
    ".lo-panel[hidden]{display:none}",
    ".lo-head{display:flex;flex-wrap:wrap;gap:6px;align-items:center;background:#1d3f6e;color:#fff;padding:8px 10px}",
    ".lo-head h2{font-size:18px;margin:0;flex:1 1 auto}",
    ".lo-head button{background:#fff;color:#1d3f6e;border:0;border-radius:4px;padding:6px 10px;font:inherit;cursor:pointer}",
    ".lo-log{overflow-y:auto;padding:10px;flex:1 1 auto;min-height:120px}",
    ".lo-msg{margin:0 0 10px;padding:8px 10px;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".lo-bot{background:#f3f2f1}.lo-user{background:#dce7f5;margin-left:15%}",
    ".lo-card{border:1px solid #505a5f;border-radius:6px;padding:8px;margin:8px 0;background:#fff;white-space:normal}",
    ".lo-card h3{font-size:17px;margin:0 0 4px}.lo-card dl{margin:4px 0;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}",
    ".lo-card dt{font-weight:700}.lo-card dd{margin:0}.lo-note{font-size:14px;color:#505a5f}",
    ".lo-cite{font-size:14px;margin-top:6px;white-space:normal}",
    ".lo-quick{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0 10px}",
    ".lo-quick button,.lo-fb button,.lo-form button,.lo-foot button{background:#fff;color:#1d3f6e;border:2px solid #1d3f6e;border-radius:4px;",
    "padding:6px 10px;font:inherit;cursor:pointer}",
    ".lo-fb{display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:14px;margin-top:6px;white-space:normal}",
    ".lo-fb button[aria-pressed=true]{background:#1d3f6e;color:#fff}",
    ".lo-fb textarea{width:100%;font:inherit}",
    ".lo-typing{padding:0 10px 6px;font-size:14px;color:#505a5f}",
    ".lo-typing span{display:inline-block;animation:lo-blink 1.2s infinite}",
    "@keyframes lo-blink{50%{opacity:.2}}",
    "@media (prefers-reduced-motion:reduce){.lo-typing span{animation:none}}",
    ".lo-form{display:flex;gap:6px;padding:8px;border-top:1px solid #b1b4b6;flex-wrap:wrap}",
    ".lo-form label{position:absolute;left:-9999px}",
    ".lo-form textarea{flex:1 1 180px;min-height:44px;font:inherit;border:2px solid #0b0c0c;border-radius:4px;padding:6px}",
    ".lo-foot{display:flex;gap:6px;align-items:center;flex-wrap:wrap;padding:0 8px 8px;font-size:14px}",
    ".lo-foot select{font:inherit}",
    ".lo-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
  ].join("");

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE)) || { session: null, items: [] }; }
    catch (e) { return { session: null, items: [] }; }
  }
  function save() {
    try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(16) + Math.random().toString(16).slice(2);
  }

  var style = el("style", { text: css });
  var launch = el("button", {
    class: "lo-launch", type: "button", "aria-expanded": "false", "aria-controls": "lo-panel",
    text: "Ask about SEND support"
  });
  var log = el("div", { class: "lo-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var typing = el("div", { class: "lo-typing", hidden: "" }, [
    el("span", { "aria-hidden": "true", text: "•••" }), el("span", { class: "lo-sr", text: "The assistant is typing" })
  ]);
  var input = el("textarea", { id: "lo-input", rows: "2", maxlength: "1000", autocomplete: "off" });
  var form = el("form", { class: "lo-form" }, [
    el("label", { for: "lo-input", text: "Your message" }), input,
    el("button", { type: "submit", text: "Send" })
  ]);
  var rating = el("select", { id: "lo-rating" }, [
    el("option", { value: "", text: "Choose" }), el("option", { value: "5", text: "5 - very helpful" }),
    el("option", { value: "4", text: "4" }), el("option", { value: "3", text: "3" }),
    el("option", { value: "2", text: "2" }), el("option", { value: "1", text: "1 - not helpful" })
  ]);
  var rateButton = el("button", { type: "button", text: "Rate this chat" });
  var rateStatus = el("span", { role: "status" });
  var foot = el("div", { class: "lo-foot" }, [
    el("label", { for: "lo-rating", text: "How helpful was this chat?" }), rating, rateButton, rateStatus
  ]);
  var closeButton = el("button", { type: "button", "aria-label": "Close chat", text: "Close" });
  var personButton = el("button", { type: "button", text: "Talk to a person" });
  var restartButton = el("button", { type: "button", text: "Start again" });
  var panel = el("section", { id: "lo-panel", class: "lo-panel", role: "dialog", "aria-labelledby": "lo-title", hidden: "" }, [
    el("div", { class: "lo-head" }, [el("h2", { id: "lo-title", text: "Local Offer assistant" }), personButton, restartButton, closeButton]),
    log, typing, form, foot
  ]);

  function open() {
    panel.hidden = false;
    launch.setAttribute("aria-expanded", "true");
    if (!state.items.length) send("hello", null, true);
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launch.setAttribute("aria-expanded", "false");
    launch.focus();
  }

  function renderCard(card) {
    var rows = [["Ages", card.ages], ["When", card.days], ["Cost", card.cost], ["Where", card.town]];
    var dl = el("dl");
    rows.forEach(function (row) {
      if (!row[1]) return;
      dl.appendChild(el("dt", { text: row[0] }));
      dl.appendChild(el("dd", { text: row[1] }));
    });
    var links = el("p");
    if (card.phone) links.appendChild(el("a", { href: "tel:" + card.phone.replace(/\s+/g, ""), text: "Call " + card.phone }));
    if (card.url) {
      if (card.phone) links.appendChild(document.createTextNode(" · "));
      links.appendChild(el("a", { href: card.url, target: "_blank", rel: "noopener", text: "Website (opens in a new tab)" }));
    }
    return el("article", { class: "lo-card" }, [
      el("h3", { text: card.name }), card.summary ? el("p", { text: card.summary }) : null, dl, links,
      card.freshness ? el("p", { class: "lo-note", text: card.freshness }) : null
    ]);
  }

  function renderCitation(citation) {
    var p = el("p", { class: "lo-cite" }, [document.createTextNode("Source: ")]);
    p.appendChild(citation.url ? el("a", { href: citation.url, target: "_blank", rel: "noopener", text: citation.title }) : el("span", { text: citation.title }));
    if (citation.note) p.appendChild(document.createTextNode(". " + citation.note));
    return p;
  }

  function renderFeedback(message) {
    var box = el("div", { class: "lo-fb", role: "group", "aria-label": "Was this answer helpful?" });
    var status = el("span", { role: "status" });
    var up = el("button", { type: "button", "aria-pressed": String(message.rating === "up"), text: "Helpful" });
    var down = el("button", { type: "button", "aria-pressed": String(message.rating === "down"), text: "Not helpful" });
    box.appendChild(el("span", { text: "Was this helpful?" }));
    box.appendChild(up); box.appendChild(down); box.appendChild(status);
    up.addEventListener("click", function () { rate(message, "up", "", status, up, down); });
    down.addEventListener("click", function () {
      if (box.querySelector("textarea")) return;
      var id = "lo-c-" + message.id;
      var comment = el("textarea", { id: id, rows: "2", maxlength: "2000" });
      var submit = el("button", { type: "button", text: "Send feedback" });
      box.appendChild(el("label", { for: id, text: "What was wrong? (optional)" }));
      box.appendChild(comment); box.appendChild(submit);
      comment.focus();
      submit.addEventListener("click", function () { rate(message, "down", comment.value, status, up, down); });
    });
    return box;
  }

  function rate(message, value, comment, status, up, down) {
    var key = message.feedbackKey || (message.feedbackKey = uuid());
    postFeedback({ session_id: state.session, message_id: message.id, rating: value, comment: comment, idempotency_key: key })
      .then(function (data) {
        message.rating = value; save();
        if (data.messages && data.messages.length) {
          data.messages.forEach(function (reply) { reply.from = "bot"; reply.greeting = true; state.items.push(reply); });
          save(); renderAll();
          return;
        }
        up.setAttribute("aria-pressed", String(value === "up"));
        down.setAttribute("aria-pressed", String(value === "down"));
        status.textContent = "Thank you, your feedback was saved.";
      })
      .catch(function (error) { status.textContent = error.message; });
  }

  function postFeedback(body) {
    return fetch(API + "/api/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.detail || "Sorry, we could not save that. Please try again.");
        return data;
      });
    });
  }

  function renderItem(item, latest) {
    if (item.from === "user") {
      log.appendChild(el("p", { class: "lo-msg lo-user" }, [el("span", { class: "lo-sr", text: "You said: " }), document.createTextNode(item.text)]));
      return;
    }
    var bubble = el("div", { class: "lo-msg lo-bot" }, [el("span", { class: "lo-sr", text: "Assistant said: " })]);
    if (item.text) bubble.appendChild(document.createTextNode(item.text));
    (item.cards || []).forEach(function (card) { bubble.appendChild(renderCard(card)); });
    (item.citations || []).forEach(function (citation) { bubble.appendChild(renderCitation(citation)); });
    if (item.id && state.session && !item.greeting) bubble.appendChild(renderFeedback(item));
    log.appendChild(bubble);
    if (latest && item.buttons && item.buttons.length) {
      var quick = el("div", { class: "lo-quick", role: "group", "aria-label": "Suggested replies" });
      item.buttons.forEach(function (button) {
        var b = el("button", { type: "button", text: button.title });
        b.addEventListener("click", function () { send(button.title, button.payload); });
        quick.appendChild(b);
      });
      log.appendChild(quick);
    }
  }

  function renderAll() {
    log.textContent = "";
    state.items.forEach(function (item, index) { renderItem(item, index === state.items.length - 1); });
    log.scrollTop = log.scrollHeight;
  }

  function send(text, payload, quiet) {
    if (!quiet) state.items.push({ from: "user", text: text });
    var oldQuick = log.querySelector(".lo-quick:last-child");
    if (oldQuick) oldQuick.remove();
    if (!quiet) renderItem(state.items[state.items.length - 1], false);
    typing.hidden = false;
    var body = { session_id: state.session, message: payload ? "" : text };
    if (payload) body.payload = payload;
    fetch(API + "/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.detail || "Sorry, something went wrong.");
          return data;
        });
      })
      .then(function (data) {
        state.session = data.session_id;
        data.messages.forEach(function (message) {
          message.from = "bot";
          if (quiet) message.greeting = true;
          state.items.push(message);
        });
      })
      .catch(function (error) { state.items.push({ from: "bot", text: error.message }); })
      .then(function () { typing.hidden = true; save(); renderAll(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, null);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  launch.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeButton.addEventListener("click", close);
  personButton.addEventListener("click", function () { send("I would like to talk to a person", null); });
  restartButton.addEventListener("click", function () {
    state = { session: null, items: [] }; save(); renderAll(); send("hello", null, true); input.focus();
  });
  rateButton.addEventListener("click", function () {
    if (!rating.value || !state.session) { rateStatus.textContent = "Please choose a rating first."; return; }
    state.chatRatingKey = state.chatRatingKey || uuid(); save();
    postFeedback({ session_id: state.session, rating: rating.value, comment: "", idempotency_key: state.chatRatingKey })
      .then(function () { rateStatus.textContent = "Thank you for rating this chat."; })
      .catch(function (error) { rateStatus.textContent = error.message; });
  });

  function mount() {
    document.head.appendChild(style);
    document.body.appendChild(launch);
    document.body.appendChild(panel);
    renderAll();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
