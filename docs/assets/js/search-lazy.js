// Loads Material's search index only when the reader opens search (issue 17).
//
// Material requests search/search_index.json with XMLHttpRequest as soon as a page loads, and
// the index holds the text of every page, so it grows with the site. This classic script runs
// before Material's bundle (it is in <head>) and holds that one request back until the reader
// shows they want to search: focus or a click on the search box, the search toggle, one of
// Material's keyboard shortcuts (f, s, /), or a link carrying ?q= or ?h= (search or highlight).
// Everything else about search is Material's own: its UI shows "Initializing search" while the
// index loads. Its worker answers a query sent before the index is built with no results (and
// a warning); its query box waits for the worker's ready message, and as a safeguard a query
// typed or linked while the index loaded is sent once more when the worker reports ready.
(function () {
  "use strict";
  var INDEX_PATH = /\/search\/search_index\.json$/;
  var released = false;
  var waiting = [];

  function release() {
    if (released) return;
    released = true;
    document.documentElement.dataset.searchIndex = "requested";
    for (var i = 0; i < waiting.length; i++) waiting[i]();
    waiting = [];
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.__searchIndex = INDEX_PATH.test(new URL(String(url), location.href).pathname);
    } catch (error) {
      this.__searchIndex = false;
    }
    return open.apply(this, arguments);
  };
  // Material's search worker replies {type: 1} (ready) once it has built the index from the
  // setup message; a query sent after that reply is answered from the index. Waiting for the
  // reply, not for the index download, holds however long Material takes to post the setup.
  var READY = 1;
  function resendQuery() {
    setTimeout(function () {
      var box = document.querySelector("[data-md-component=search-query]");
      if (!box || !box.value) return;
      var text = box.value;
      box.value = text + " ";  // Material ignores an unchanged value
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.value = text;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }, 0);
  }

  var NativeWorker = window.Worker;
  if (typeof NativeWorker === "function") {
    var SearchAwareWorker = function (url, options) {
      var worker = new NativeWorker(url, options);
      if (/\/workers\/search\.[^/]*\.js$/.test(String(url))) {
        worker.addEventListener("message", function (event) {
          if (!event.data || event.data.type !== READY) return;
          document.documentElement.dataset.searchIndex = "ready";
          resendQuery();
        });
      }
      return worker;
    };
    SearchAwareWorker.prototype = NativeWorker.prototype;
    window.Worker = SearchAwareWorker;
  }

  XMLHttpRequest.prototype.send = function () {
    if (!this.__searchIndex || released) return send.apply(this, arguments);
    var request = this;
    var args = arguments;
    waiting.push(function () { send.apply(request, args); });
  };

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();

  function isSearchControl(target) {
    return target instanceof Element &&
      (target.matches("[data-md-component=search-query], #__search") ||
       target.closest("label[for=__search], .md-search") !== null);
  }
  document.addEventListener("focusin", function (event) {
    if (isSearchControl(event.target)) release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (isSearchControl(event.target)) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search") release();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && (event.key === "f" || event.key === "s" || event.key === "/")) release();
  }, true);
})();
