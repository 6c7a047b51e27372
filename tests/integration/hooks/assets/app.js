// An asset larger than compress's min_size, to check that assets are compressed and cached.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    demo: {
        value0: function (x) { return x === undefined ? 'value 0 is undefined' : 'value 0: ' + x; },
        value1: function (x) { return x === undefined ? 'value 1 is undefined' : 'value 1: ' + x; },
        value2: function (x) { return x === undefined ? 'value 2 is undefined' : 'value 2: ' + x; },
        value3: function (x) { return x === undefined ? 'value 3 is undefined' : 'value 3: ' + x; },
        value4: function (x) { return x === undefined ? 'value 4 is undefined' : 'value 4: ' + x; },
        value5: function (x) { return x === undefined ? 'value 5 is undefined' : 'value 5: ' + x; },
        value6: function (x) { return x === undefined ? 'value 6 is undefined' : 'value 6: ' + x; },
        value7: function (x) { return x === undefined ? 'value 7 is undefined' : 'value 7: ' + x; },
        value8: function (x) { return x === undefined ? 'value 8 is undefined' : 'value 8: ' + x; },
        value9: function (x) { return x === undefined ? 'value 9 is undefined' : 'value 9: ' + x; },
        value10: function (x) { return x === undefined ? 'value 10 is undefined' : 'value 10: ' + x; },
        value11: function (x) { return x === undefined ? 'value 11 is undefined' : 'value 11: ' + x; },
    },
});
