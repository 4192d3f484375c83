using Experiment.Engine.Studies;

namespace Survey.Web.Hosting;

/// <summary>
/// {studyId:studyid}: a route whose study id is not one (a blank, a tab, a NUL, a trailing newline) matches no
/// endpoint, so it gets the friendly 404 before any controller puts it into a cookie path, a file name or SQL.
/// </summary>
public sealed class StudyIdConstraint : IRouteConstraint
{
    public const string Name = "studyid";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && StudyId.IsValid(value as string);
}
