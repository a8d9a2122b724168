// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Videos: nothing is requested from YouTube until the visitor asks to play.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-video-play]");
    if (!link) return;
    var frame = link.closest("[data-video-embed]");
    if (!frame) return;
    event.preventDefault();
    var player = document.createElement("iframe");
    player.src = frame.getAttribute("data-video-embed");
    player.title = frame.getAttribute("data-video-title");
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.allowFullscreen = true;
    frame.replaceChildren(player);
    player.focus();
  });
})();
