// A clientside function the callbacks example refers to as ClientsideFunction{"ui", "shout"}.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ui: {
        shout: function (value) {
            return value ? value.toUpperCase() + '!' : '';
        },
    },
});
