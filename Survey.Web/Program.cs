var app = Survey.Web.SurveyApp.Build(args);
app.Run();
