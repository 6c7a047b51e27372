# The Python Dash 4.3.0 app the derived "semantics" cases describe (issue 11). Not recorded: the
# expected answers in semantics/ were written from the rules of protocol.md (and dash 4.3.0's
# _callback.py, _validate.py, _grouping.py), each case naming its rule. Served with debug=True.
import json

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update, set_props

app = Dash(__name__)
app.layout = html.Div([
    dcc.Input(id="in"), html.Div(id="out"),
    dcc.Input(id="in2"), html.Div(id="a"), html.Div(id="b"),
    dcc.Input(id="in3"), html.Div(id="c"), html.Div(id="d"),
    html.Button(id="t"), html.Div(id="trig"),
    html.Button(id="log"), dcc.Store(id="s"), html.Div(id="note"),
    dcc.Input(id="x"), dcc.Input(id="y"), html.Div(id="dup"),
    dcc.Input(id="ga"), dcc.Input(id="gk"), dcc.Input(id="gt"),
    html.Div(id="total"), html.Div(id="lo"), html.Div(id="hi"),
])


@app.callback(Output("out", "children"), Input("in", "value"))
def clear(value):
    return None  # sets out.children to null


@app.callback(Output("a", "children"), Output("b", "children"), Input("in2", "value"))
def pair(value):
    return [None, "b"]


@app.callback(Output("c", "children"), Output("d", "children"), Input("in3", "value"))
def whole(value):
    return None  # SchemaTypeValidationError (an InvalidCallbackReturnValue): a list of outputs needs a list


@app.callback(Output("trig", "children"), Input("t", "n_clicks"))
def trig(n):
    return f"{json.dumps(ctx.triggered)} {bool(ctx.triggered)} {json.dumps(ctx.triggered_id)}"


@app.callback(Input("log", "n_clicks"), State("s", "data"))
def log(n, data):
    set_props("note", {"children": "logged"})


@app.callback(Output("dup", "children"), Input("x", "value"))
def first(value):
    return "first"


@app.callback(Output("dup", "children"), Input("y", "value"))
def second(value):
    return "second"


@app.callback(
    output=dict(total=Output("total", "children"), pair=(Output("lo", "children"), dict(deep=Output("hi", "children")))),
    inputs=dict(a=Input("ga", "value"), opts=dict(scale=State("gk", "value"), tags=[Input("gt", "value")])),
)
def grouped(a, opts):
    return dict(total=a * opts["scale"], pair=(opts["tags"][0], dict(deep=no_update)))


if __name__ == "__main__":
    app.run(debug=True)
