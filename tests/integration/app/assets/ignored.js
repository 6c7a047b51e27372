window.shouldNotLoad = true;
